import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog
import Trygghetsdialog.Services

// Kiosk mode: residents answer the dialogue survey one after another. Nothing of an earlier
// resident's answers can be reached; leaving needs the officer's PIN.
Page {
    id: page
    objectName: "kioskPage"
    property bool thanking: false

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                text: Kiosk.runner.title
                color: "white"
                elide: Text.ElideRight
                font.pointSize: Qt.application.font.pointSize * 1.1
            }
            ToolButton {
                objectName: "leaveKioskButton"
                text: qsTr("Avsluta")
                Accessible.name: qsTr("Lämna kioskläget (kräver PIN-kod)")
                onClicked: pinDialog.open()
            }
        }
    }

    SurveyView {
        objectName: "kioskSurvey"
        anchors.fill: parent
        visible: !page.thanking
        runner: Kiosk.runner
        onSubmitted: {
            page.thanking = true
            thankYouTimer.restart()
        }
    }

    ColumnLayout {
        objectName: "kioskThankYou"
        anchors.centerIn: parent
        width: Math.min(parent.width - 32, 560)
        visible: page.thanking
        spacing: 16
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Tack för att du svarade!")
            font.pointSize: Qt.application.font.pointSize * 1.6
            font.bold: true
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Dina svar är sparade. Lämna gärna tillbaka surfplattan.")
            wrapMode: Text.WordWrap
        }
        Button {
            objectName: "nextResidentButton"
            Layout.alignment: Qt.AlignHCenter
            highlighted: true
            text: qsTr("Nästa person")
            Accessible.name: text
            onClicked: page.nextResident()
        }
    }

    Timer {
        id: thankYouTimer
        interval: 15000
        onTriggered: page.nextResident()
    }

    function nextResident() {
        thankYouTimer.stop()
        Kiosk.nextResident()
        page.thanking = false
    }

    PinDialog {
        id: pinDialog
        objectName: "pinDialog"
        onPinEntered: pin => {
            if (Kiosk.leaveKiosk(pin)) {
                const view = page.StackView.view
                const home = Qt.resolvedUrl("HomePage.qml")
                const officer = Qt.resolvedUrl("DialogueOfficerPage.qml")
                view.replace(null, home)
                view.push(officer)
            } else {
                pinDialog.message = Kiosk.lastError
                pinDialog.open()
            }
        }
    }
}
