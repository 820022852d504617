import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Shown after a survey is submitted.
Page {
    id: page
    objectName: "thankYouPage"

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 32, 560)
        spacing: 16
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Tack för dina svar!")
            font.pointSize: Qt.application.font.pointSize * 1.6
            font.bold: true
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Svaren är sparade på enheten och skickas när det finns nätverk.")
            wrapMode: Text.WordWrap
        }
        Button {
            objectName: "doneButton"
            Layout.alignment: Qt.AlignHCenter
            highlighted: true
            text: qsTr("Klar")
            Accessible.name: text
            onClicked: page.StackView.view.pop()
        }
    }
}
