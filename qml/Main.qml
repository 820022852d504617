import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Trygghetsdialog.Services

ApplicationWindow {
    id: window
    width: 390
    height: 844
    visible: true
    title: qsTr("Trygghetsdialog")
    Material.theme: Material.Light
    Material.primary: "#1b3a5c"
    Material.accent: "#2f6fad"

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: Qt.createComponent("pages/HomePage.qml")
    }
}
