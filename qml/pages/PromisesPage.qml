import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog
import Trygghetsdialog.Services

// "Medborgarlöften": the promises police and municipality have made, as pulled from the
// server, with what is being done for each.
Page {
    id: page
    objectName: "promisesPage"
    title: qsTr("Medborgarlöften")

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

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(scroll.availableWidth, 720) - 32
            x: (scroll.availableWidth - width) / 2
            spacing: 12

            Item { Layout.preferredHeight: 4 }

            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Polisen och kommunen lovar invånarna att arbeta med det som oroar mest. Här ser du löftena och vad som görs.")
            }
            Frame {
                objectName: "agreement"
                Layout.fillWidth: true
                visible: Promises.hasAgreement
                Accessible.role: Accessible.Grouping
                Accessible.name: qsTr("Samverkansöverenskommelse")
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: 4
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Samverkansöverenskommelse")
                        font.bold: true
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.Heading
                    }
                    Label {
                        objectName: "agreementParties"
                        Layout.fillWidth: true
                        text: Promises.agreementParties
                        wrapMode: Text.WordWrap
                    }
                    Label {
                        objectName: "agreementPeriod"
                        Layout.fillWidth: true
                        text: Promises.agreementPeriod
                        wrapMode: Text.WordWrap
                    }
                    Label {
                        objectName: "agreementSignatories"
                        Layout.fillWidth: true
                        text: qsTr("Undertecknad av: %1").arg(Promises.agreementSignatories.join("; "))
                        color: "#555555"
                        wrapMode: Text.WordWrap
                    }
                }
            }

            Label {
                objectName: "promisesEmpty"
                Layout.fillWidth: true
                visible: Promises.count === 0
                wrapMode: Text.WordWrap
                font.italic: true
                text: qsTr("Inga medborgarlöften ännu. De visas här efter nästa synkronisering.")
            }

            Repeater {
                objectName: "promiseRepeater"
                model: Promises
                delegate: Frame {
                    id: card
                    required property string promiseId
                    required property string areaName
                    required property string text
                    required property string period
                    required property string organisations
                    required property var activities
                    required property int doneCount
                    objectName: "promise_" + promiseId
                    Layout.fillWidth: true
                    Accessible.role: Accessible.Grouping
                    Accessible.name: areaName + ", " + period

                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        spacing: 6
                        Label {
                            Layout.fillWidth: true
                            text: card.areaName
                            font.bold: true
                            font.pointSize: Qt.application.font.pointSize * 1.1
                            wrapMode: Text.WordWrap
                            Accessible.role: Accessible.Heading
                        }
                        Label {
                            objectName: "promiseText"
                            Layout.fillWidth: true
                            text: card.text
                            wrapMode: Text.WordWrap
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("%1 · %2").arg(card.period).arg(card.organisations)
                            color: "#555555"
                            wrapMode: Text.WordWrap
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: card.activities.length > 0
                            text: qsTr("Aktiviteter (%1 av %2 genomförda)").arg(card.doneCount).arg(card.activities.length)
                            font.bold: true
                            wrapMode: Text.WordWrap
                        }
                        Repeater {
                            model: card.activities
                            delegate: ColumnLayout {
                                required property var modelData
                                Layout.fillWidth: true
                                spacing: 0
                                Accessible.role: Accessible.StaticText
                                Accessible.name: modelData.what + ", " + modelData.statusText
                                Label {
                                    Layout.fillWidth: true
                                    text: "• " + modelData.what
                                    wrapMode: Text.WordWrap
                                }
                                Label {
                                    objectName: "activityStatus"
                                    Layout.fillWidth: true
                                    Layout.leftMargin: 12
                                    text: qsTr("%1 · %2 · %3").arg(modelData.statusText).arg(modelData.who).arg(modelData.when)
                                    color: modelData.status === "done" ? "#1e6b34" : "#555555"
                                    wrapMode: Text.WordWrap
                                }
                            }
                        }
                    }
                }
            }
            Item { Layout.preferredHeight: 16 }
        }
    }
}
