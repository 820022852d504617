import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog.Services

// Connects the device to a server with an officer/kiosk one-time code or a campaign code.
Page {
    id: page
    objectName: "enrolmentPage"
    title: qsTr("Anslut enheten")

    header: ToolBar {
        Label {
            anchors.fill: parent
            anchors.leftMargin: 16
            text: page.title
            verticalAlignment: Text.AlignVCenter
            font.pointSize: Qt.application.font.pointSize * 1.2
            color: "white"
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(scroll.availableWidth, 560)
            x: (scroll.availableWidth - width) / 2
            spacing: 12

            Item { Layout.preferredHeight: 8 }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                wrapMode: Text.WordWrap
                text: Enrolment.revoked
                      ? qsTr("Enheten är inte längre ansluten till servern. Anslut igen med en ny kod – allt som sparats på enheten finns kvar och skickas när du är ansluten.")
                      : qsTr("Ange serverns adress och koden du har fått: en engångskod från samordnaren (för polis- eller kioskenhet) eller undersökningens kod.")
            }
            TextField {
                id: server
                objectName: "serverField"
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                placeholderText: qsTr("Serveradress, t.ex. https://trygghet.vindeln.se")
                text: Enrolment.serverUrl
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                Accessible.name: qsTr("Serveradress")
                // A pasted enrolment link fills in both the address and the code.
                onTextEdited: {
                    const parts = Enrolment.parseEnrolmentLink(text)
                    if (parts.server) {
                        text = parts.server
                        code.text = parts.code
                    }
                }
            }
            TextField {
                id: code
                objectName: "codeField"
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                placeholderText: qsTr("Kod, t.ex. ABCD-2345")
                inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText
                Accessible.name: qsTr("Kod")
            }
            Button {
                objectName: "enrolButton"
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                highlighted: true
                enabled: !Enrolment.busy && server.text.length > 0 && code.text.length > 0
                text: qsTr("Anslut")
                Accessible.name: text
                onClicked: Enrolment.enrol(server.text, code.text)
            }
            BusyIndicator {
                Layout.alignment: Qt.AlignHCenter
                running: Enrolment.busy
                visible: running
                Accessible.name: qsTr("Ansluter")
            }
            Label {
                objectName: "enrolError"
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                visible: text.length > 0
                text: Enrolment.errorMessage
                color: "#b00020"
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
        }
    }

    Connections {
        target: Enrolment
        function onEnrolledChanged() {
            if (Enrolment.enrolled)
                page.StackView.view.replace(null, Qt.resolvedUrl("HomePage.qml"))
        }
    }
}
