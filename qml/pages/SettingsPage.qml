import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog.Services

// Language, connection and re-enrolment.
Page {
    id: page
    objectName: "settingsPage"
    title: qsTr("Inställningar")

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                text: "‹"
                Accessible.name: qsTr("Tillbaka")
                onClicked: page.StackView.view.pop()
            }
            Label {
                Layout.fillWidth: true
                text: page.title
                color: "white"
                font.pointSize: Qt.application.font.pointSize * 1.1
            }
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(scroll.availableWidth - 32, 560)
            x: (scroll.availableWidth - width) / 2
            spacing: 8

            Item { Layout.preferredHeight: 8 }
            Label { text: qsTr("Språk"); font.bold: true }
            RadioButton {
                objectName: "swedishRadio"
                text: "Svenska"
                checked: Language.language === "sv"
                Accessible.name: text
                onClicked: Language.language = "sv"
            }
            RadioButton {
                objectName: "englishRadio"
                text: "English"
                checked: Language.language === "en"
                Accessible.name: text
                onClicked: Language.language = "en"
            }

            Label { text: qsTr("Anslutning"); font.bold: true; Layout.topMargin: 12 }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WrapAnywhere
                text: qsTr("Server: %1").arg(Enrolment.serverUrl.length > 0 ? Enrolment.serverUrl : qsTr("ingen"))
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Roll: %1").arg(Enrolment.roleLabel)
            }
            Button {
                objectName: "reenrolButton"
                Layout.fillWidth: true
                text: qsTr("Anslut igen med en ny kod")
                Accessible.name: text
                onClicked: Enrolment.forget()
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: palette.placeholderText
                text: qsTr("Svar som sparats på enheten finns kvar och skickas när enheten är ansluten igen.")
            }
        }
    }
}
