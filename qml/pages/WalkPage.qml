import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Trygghetsdialog.Services
import "../components"

// The running safety walk: whether the track is being recorded, how far and how long, the
// accuracy of the GPS, a sketch of the track with its numbered stops, and the way to end the
// walk; "Ny iakttagelse" stays at the bottom of the screen.
Page {
    id: page
    objectName: "walkPage"
    title: qsTr("Trygghetsvandring")

    function formatDistance(metres) {
        if (metres < 1000)
            return qsTr("%1 m").arg(Math.round(metres))
        return qsTr("%1 km").arg(Number(metres / 1000).toLocaleString(Qt.locale(), "f", 2))
    }
    function formatDuration(seconds) {
        const h = Math.floor(seconds / 3600)
        const m = Math.floor(seconds % 3600 / 60)
        const s = seconds % 60
        const two = function(n) { return (n < 10 ? "0" : "") + n }
        return (h > 0 ? h + ":" + two(m) : m) + ":" + two(s)
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "backButton"
                text: "‹"
                Accessible.name: qsTr("Till startsidan, vandringen fortsätter")
                onClicked: page.StackView.view.pop()
            }
            Label {
                Layout.fillWidth: true
                text: page.title
                color: "white"
                elide: Text.ElideRight
                font.pointSize: Qt.application.font.pointSize * 1.1
            }
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: Math.min(scroll.availableWidth - 24, 720)
            x: (scroll.availableWidth - width) / 2
            spacing: 8

            Item { Layout.preferredHeight: 4 }
            Label {
                objectName: "walkTitle"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.bold: true
                font.pointSize: Qt.application.font.pointSize * 1.1
                text: qsTr("%1, %2 · %3").arg(Walk.areaName).arg(Walk.localityName).arg(Walk.date)
            }
            Label {
                objectName: "recordingState"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Walk.hasRecentFix ? "#1b5e20" : "#8a4b00"
                text: !Walk.positionAvailable ? qsTr("Ingen GPS finns. Iakttagelser kan placeras på platser ur registret.")
                    : !Walk.recording ? qsTr("Spåret spelas inte in.")
                    : Walk.hasRecentFix ? qsTr("● Spelar in spåret")
                    : qsTr("Spelar in – väntar på GPS-position")
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: 16
                rowSpacing: 2
                Label { text: qsTr("Sträcka") }
                Label { objectName: "distanceLabel"; font.bold: true; text: page.formatDistance(Walk.distance) }
                Label { text: qsTr("Tid") }
                Label { objectName: "durationLabel"; font.bold: true; text: page.formatDuration(Walk.duration) }
                Label { text: qsTr("GPS-noggrannhet") }
                Label {
                    objectName: "accuracyLabel"
                    font.bold: true
                    text: Walk.accuracy < 0 ? qsTr("okänd") : qsTr("±%1 m").arg(Math.round(Walk.accuracy))
                }
                Label { text: qsTr("Stopp") }
                Label { objectName: "stopCountLabel"; font.bold: true; text: Walk.stopCount }
            }

            WalkSketch {
                objectName: "walkSketch"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(width, 360)
            }

            Repeater {
                model: Walk.stops
                delegate: Label {
                    required property var modelData
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    text: modelData.note.length > 0
                          ? qsTr("%1. Trygghet %2 av 5 – %3").arg(modelData.number).arg(modelData.feeling).arg(modelData.note)
                          : qsTr("%1. Trygghet %2 av 5").arg(modelData.number).arg(modelData.feeling)
                }
            }

            Label {
                objectName: "walkError"
                Layout.fillWidth: true
                visible: text.length > 0
                color: "#b00020"
                wrapMode: Text.WordWrap
                text: Walk.lastError
            }
            Button {
                objectName: "endWalkButton"
                Layout.fillWidth: true
                text: qsTr("Avsluta vandring")
                Accessible.name: text
                onClicked: endDialog.open()
            }
            Item { Layout.preferredHeight: 16 }
        }
    }

    // Always in view, however many stops the list shows.
    footer: Pane {
        padding: 8
        Material.elevation: 4
        Button {
            objectName: "newObservationButton"
            anchors.left: parent.left
            anchors.right: parent.right
            implicitHeight: 52
            highlighted: true
            text: qsTr("Ny iakttagelse")
            Accessible.name: text
            onClicked: {
                if (Walk.beginObservation())
                    page.StackView.view.push(Qt.resolvedUrl("WalkObservationPage.qml"))
            }
        }
    }

    Dialog {
        id: endDialog
        objectName: "endWalkDialog"
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 400)
        modal: true
        title: qsTr("Avsluta vandringen?")
        footer: DialogButtons {
            acceptText: qsTr("Avsluta vandringen")
            rejectText: qsTr("Fortsätt vandra")
        }
        ColumnLayout {
            anchors.left: parent.left
            anchors.right: parent.right
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Spåret och %n iakttagelse(r) sparas och skickas vid nästa synk. Vandringen går inte att fortsätta efteråt.", "", Walk.stopCount)
            }
        }
        onAccepted: {
            if (Walk.end())
                page.StackView.view.pop()
        }
    }
}
