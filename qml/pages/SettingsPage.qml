import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Page {
    title: qsTr("Hem")
    Label { text: qsTr("Hem"); anchors.centerIn: parent }
}
