import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog.Services
import "../components"

// Åtgärder: the measures pulled from the server, with responsible party, priority, deadline
// and status, and a marker where two people changed the same measure at once. An officer
// changes a measure's status here; the change waits for the next sync and shows as pending.
Page {
    id: page
    objectName: "measuresPage"
    title: qsTr("Åtgärder")

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "backButton"
                text: "‹"
                Accessible.name: qsTr("Tillbaka")
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

    Label {
        objectName: "noMeasures"
        anchors.centerIn: parent
        width: parent.width - 48
        visible: Measures.count === 0
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        text: qsTr("Inga åtgärder ännu. Synka för att hämta dem.")
    }

    ListView {
        id: list
        objectName: "measureList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        clip: true
        model: Measures
        delegate: Frame {
            required property string measureId
            required property string title
            required property string description
            required property string responsibleParty
            required property string priority
            required property string priorityKey
            required property string deadline
            required property string status
            required property string statusKey
            required property string rejectionReason
            required property bool conflict
            required property string conflictFields
            required property bool pending
            id: card
            objectName: "measure_" + measureId
            width: ListView.view.width
            Accessible.name: title + ", " + status

            ColumnLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                spacing: 4
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        Layout.alignment: Qt.AlignTop
                        text: title
                        font.bold: true
                        wrapMode: Text.WordWrap
                    }
                    Label {
                        objectName: "status"
                        Layout.alignment: Qt.AlignTop
                        text: status
                        color: "white"
                        leftPadding: 8
                        rightPadding: 8
                        topPadding: 2
                        bottomPadding: 2
                        background: Rectangle {
                            radius: 4
                            color: statusKey === "done" ? "#2e7d32"
                                 : statusKey === "rejected" ? "#757575"
                                 : statusKey === "in_progress" ? "#1565c0"
                                 : statusKey === "decided" ? "#6a1b9a" : "#8a4b00"
                        }
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: description.length > 0
                    text: description
                    wrapMode: Text.WordWrap
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    text: qsTr("Ansvarig: %1 · Prioritet: %2").arg(responsibleParty).arg(priority)
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    text: deadline.length > 0 ? qsTr("Klart senast: %1").arg(deadline) : qsTr("Inget slutdatum")
                }
                Label {
                    Layout.fillWidth: true
                    visible: rejectionReason.length > 0
                    wrapMode: Text.WordWrap
                    text: qsTr("Skäl: %1").arg(rejectionReason)
                }
                Label {
                    objectName: "conflictMarker"
                    Layout.fillWidth: true
                    visible: conflict
                    wrapMode: Text.WordWrap
                    color: "#b00020"
                    font.bold: true
                    text: qsTr("Konflikt (%1): ändrades på två ställen samtidigt. Samordnaren avgör.")
                              .arg(conflictFields)
                }
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        objectName: "pendingMarker"
                        Layout.fillWidth: true
                        visible: pending
                        wrapMode: Text.WordWrap
                        color: "#8a4b00"
                        text: qsTr("Ändrad här, väntar på synk")
                    }
                    Item {
                        Layout.fillWidth: true
                        visible: !pending
                    }
                    Button {
                        objectName: "changeStatusButton"
                        text: qsTr("Ändra status")
                        visible: statusKey !== "done" && statusKey !== "rejected"
                        onClicked: statusDialog.openFor(measureId, title, statusKey, rejectionReason)
                    }
                }
            }
        }
    }

    Dialog {
        id: statusDialog
        objectName: "statusDialog"
        property string measureId
        property string current
        property string chosen
        anchors.centerIn: parent
        width: parent.width - 32
        modal: true
        title: qsTr("Ändra status")
        footer: DialogButtons {
            acceptText: qsTr("Spara")
        }

        function openFor(id, measureTitle, current, reason) {
            measureId = id
            measureLabel.text = measureTitle
            statusDialog.current = current
            chosen = current
            reasonField.text = reason
            errorLabel.text = ""
            open()
        }

        ColumnLayout {
            anchors.left: parent.left
            anchors.right: parent.right
            spacing: 4
            Label {
                id: measureLabel
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.bold: true
            }
            Repeater {
                model: Measures.statusOptions(statusDialog.current)
                RadioButton {
                    required property var modelData
                    objectName: "status_" + modelData.key
                    text: modelData.label
                    checked: statusDialog.chosen === modelData.key
                    onClicked: statusDialog.chosen = modelData.key
                }
            }
            TextField {
                id: reasonField
                objectName: "rejectionReason"
                Layout.fillWidth: true
                visible: statusDialog.chosen === "rejected"
                placeholderText: qsTr("Skäl att avslå (krävs)")
            }
            Label {
                id: errorLabel
                objectName: "statusError"
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.WordWrap
                color: "#b00020"
            }
        }

        onAccepted: {
            if (!Measures.setStatus(measureId, chosen, reasonField.text)) {
                errorLabel.text = Measures.lastError
                open()
            }
        }
    }
}
