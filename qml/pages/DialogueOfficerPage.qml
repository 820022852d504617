import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog
import Trygghetsdialog.Services

// The officer's view of a running dialogue: people met, topics per focus area, hand-over to
// residents, and the end of the dialogue.
Page {
    id: page
    objectName: "dialogueOfficerPage"
    title: qsTr("Medborgardialog")

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                text: "‹"
                Accessible.name: qsTr("Till startsidan, dialogen fortsätter")
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

        ColumnLayout {
            width: Math.min(scroll.availableWidth - 24, 720)
            x: (scroll.availableWidth - width) / 2
            spacing: 8

            Item { Layout.preferredHeight: 4 }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("%1, %2 · start %3").arg(Kiosk.placeLabel).arg(Kiosk.locality).arg(Kiosk.startedAt)
                font.bold: true
            }
            Label {
                objectName: "responsesLabel"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("%n invånare har svarat på enkäten.", "", Kiosk.responses)
            }
            Button {
                objectName: "handOverButton"
                Layout.fillWidth: true
                highlighted: true
                text: qsTr("Lämna över till invånare (kioskläge)")
                Accessible.name: text
                onClicked: {
                    if (Kiosk.enterKiosk())
                        page.StackView.view.replace(null, Qt.resolvedUrl("KioskPage.qml"))
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Personer vi har pratat med")
                    wrapMode: Text.WordWrap
                }
                SpinBox {
                    objectName: "peopleMetSpin"
                    from: 0
                    to: 10000
                    value: Kiosk.peopleMet
                    editable: true
                    Accessible.name: qsTr("Personer vi har pratat med")
                    onValueModified: Kiosk.peopleMet = value
                }
            }

            Label {
                text: qsTr("Ämnen som togs upp")
                font.bold: true
            }
            Repeater {
                model: Kiosk.topics
                delegate: Frame {
                    id: topic
                    required property int index
                    required property string focusArea
                    required property string label
                    required property int count
                    required property string note
                    Layout.fillWidth: true
                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        RowLayout {
                            Layout.fillWidth: true
                            Label {
                                Layout.fillWidth: true
                                text: topic.label
                                wrapMode: Text.WordWrap
                            }
                            RoundButton {
                                objectName: "topicMinus_" + topic.focusArea
                                text: "−"
                                Accessible.name: qsTr("Ett färre om %1").arg(topic.label)
                                onClicked: Kiosk.topics.adjust(topic.index, -1)
                            }
                            Label {
                                objectName: "topicCount_" + topic.focusArea
                                text: topic.count
                                Layout.minimumWidth: 24
                                horizontalAlignment: Text.AlignHCenter
                            }
                            RoundButton {
                                objectName: "topicPlus_" + topic.focusArea
                                text: "+"
                                Accessible.name: qsTr("En till om %1").arg(topic.label)
                                onClicked: Kiosk.topics.adjust(topic.index, 1)
                            }
                        }
                        TextField {
                            Layout.fillWidth: true
                            placeholderText: qsTr("Kort anteckning (valfritt)")
                            text: topic.note
                            maximumLength: 500
                            Accessible.name: qsTr("Anteckning om %1").arg(topic.label)
                            onEditingFinished: Kiosk.topics.setNote(topic.index, text)
                        }
                    }
                }
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: Kiosk.lastError
                color: "#b00020"
                wrapMode: Text.WordWrap
            }
            Button {
                objectName: "endDialogueButton"
                Layout.fillWidth: true
                text: qsTr("Avsluta dialogen")
                Accessible.name: text
                onClicked: {
                    if (Kiosk.endDialogue())
                        page.StackView.view.pop()
                }
            }
            Item { Layout.preferredHeight: 16 }
        }
    }
}
