import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Asks for the officer's PIN; `accepted(pin)` is emitted with what was typed.
Dialog {
    id: dialog
    property alias pin: field.text
    property string message
    signal pinEntered(string pin)
    title: qsTr("Officerens PIN-kod")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Overlay.overlay ? Math.min(Overlay.overlay.width * 0.9, 420) : 320
    footer: DialogButtons {
        acceptText: qsTr("Bekräfta")
    }
    onOpened: {
        field.clear()
        field.forceActiveFocus()
    }
    onAccepted: pinEntered(field.text)

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        TextField {
            id: field
            objectName: "pinField"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            inputMethodHints: Qt.ImhDigitsOnly
            maximumLength: 8
            placeholderText: qsTr("PIN-kod")
            Accessible.name: qsTr("PIN-kod")
        }
        Label {
            Layout.fillWidth: true
            visible: dialog.message.length > 0
            text: dialog.message
            color: "#b00020"
            wrapMode: Text.WordWrap
        }
    }
}
