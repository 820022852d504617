import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog
import Trygghetsdialog.Services

// "Vad invånarna har sagt": the public summary of a campaign as pulled from the server. A
// figure based on fewer than k answers reads "För få svar för att visa", never a number.
Page {
    id: page
    objectName: "summaryPage"
    title: qsTr("Vad invånarna har sagt")

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

    component SectionTitle: Label {
        Layout.fillWidth: true
        Layout.topMargin: 8
        font.bold: true
        font.pointSize: Qt.application.font.pointSize * 1.1
        wrapMode: Text.WordWrap
        Accessible.role: Accessible.Heading
    }

    // A share in [0, 1] as a bar; with an interval when ciHigh > ciLow.
    component ShareBar: Item {
        property real share: 0
        property real ciLow: 0
        property real ciHigh: 0
        Layout.fillWidth: true
        implicitHeight: 14
        Rectangle {
            anchors.fill: parent
            radius: 3
            color: "#e4e9ef"
        }
        Rectangle {
            width: parent.width * Math.max(0, Math.min(1, parent.share))
            height: parent.height
            radius: 3
            color: "#2f6fad"
        }
        Rectangle {
            visible: parent.ciHigh > parent.ciLow
            x: parent.width * parent.ciLow
            width: Math.max(2, parent.width * (parent.ciHigh - parent.ciLow))
            y: parent.height / 2 - 1
            height: 2
            color: "#1b1b1b"
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(scroll.availableWidth, 720) - 32
            x: (scroll.availableWidth - width) / 2
            spacing: 8

            Item { Layout.preferredHeight: 4 }

            Label {
                objectName: "summaryEmpty"
                Layout.fillWidth: true
                visible: Summaries.count === 0
                wrapMode: Text.WordWrap
                text: qsTr("Ingen sammanställning ännu. När polisen och kommunen har publicerat vad invånarna har sagt visas den här efter nästa synkronisering.")
            }

            ComboBox {
                objectName: "summaryCampaign"
                Layout.fillWidth: true
                visible: Summaries.count > 1
                model: Summaries.titles
                currentIndex: Summaries.currentIndex
                Accessible.name: qsTr("Undersökning")
                onActivated: index => Summaries.currentIndex = index
            }

            ColumnLayout {
                Layout.fillWidth: true
                visible: Summaries.count > 0
                spacing: 8

                Label {
                    objectName: "summaryTitle"
                    Layout.fillWidth: true
                    text: Summaries.title
                    font.bold: true
                    font.pointSize: Qt.application.font.pointSize * 1.25
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.Heading
                }
                Label {
                    objectName: "summaryPublished"
                    Layout.fillWidth: true
                    text: Summaries.publishedText
                    wrapMode: Text.WordWrap
                }
                Label {
                    objectName: "summaryRespondents"
                    Layout.fillWidth: true
                    text: Summaries.respondentsText
                    wrapMode: Text.WordWrap
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Siffror som bygger på färre än %1 svar visas inte.").arg(Summaries.minCell)
                    wrapMode: Text.WordWrap
                    color: "#555555"
                }

                SectionTitle { text: qsTr("Vad oroar mest") }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: "#555555"
                    text: qsTr("Andelen som är ganska eller mycket oroliga, viktad mot befolkningen. Områden som ligger för nära varandra för att skiljas åt står utmärkta.")
                }
                Repeater {
                    objectName: "areaRepeater"
                    model: Summaries.areas
                    // Positioners, not layouts, inside the delegates: a wrapped label then
                    // reports its height for the width it really has, and nothing overlaps.
                    delegate: Column {
                        required property string name
                        required property int rank
                        required property real score
                        required property string scoreText
                        required property bool suppressed
                        required property string rankNote
                        objectName: "area_" + index
                        required property int index
                        Layout.fillWidth: true
                        spacing: 2
                        Accessible.role: Accessible.StaticText
                        Accessible.name: name + ": " + scoreText + (rankNote.length > 0 ? ". " + rankNote : "")
                        Item {
                            width: parent.width
                            height: Math.max(areaName.implicitHeight, areaScore.implicitHeight)
                            Label {
                                id: areaName
                                anchors.left: parent.left
                                anchors.right: areaScore.left
                                anchors.rightMargin: 8
                                text: rank > 0 ? qsTr("%1. %2").arg(rank).arg(name) : name
                                wrapMode: Text.WordWrap
                            }
                            Label {
                                id: areaScore
                                objectName: "scoreText"
                                anchors.right: parent.right
                                text: scoreText
                                font.bold: !suppressed
                                font.italic: suppressed
                            }
                        }
                        ShareBar {
                            width: parent.width
                            visible: !suppressed
                            share: score
                        }
                        Label {
                            objectName: "rankNote"
                            width: parent.width
                            visible: rankNote.length > 0
                            text: rankNote
                            wrapMode: Text.WordWrap
                            color: "#555555"
                        }
                    }
                }

                SectionTitle { text: qsTr("Andel som svarat negativt") }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: "#555555"
                    text: Summaries.weighted
                          ? qsTr("Andelen är viktad mot befolkningen efter åldersgrupp och ort; vet inte och vill inte svara räknas inte. Strecket visar osäkerheten (95 % konfidensintervall).")
                          : qsTr("Strecket visar osäkerheten (95 % konfidensintervall).")
                }
                Repeater {
                    objectName: "questionRepeater"
                    model: Summaries.questions
                    delegate: Column {
                        required property string questionId
                        required property string text
                        required property real share
                        required property real ciLow
                        required property real ciHigh
                        required property string shareText
                        required property string baseText
                        required property bool suppressed
                        objectName: "question_" + questionId
                        Layout.fillWidth: true
                        bottomPadding: 6
                        spacing: 2
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text + ": " + shareText
                        Label {
                            width: parent.width
                            text: parent.text
                            wrapMode: Text.WordWrap
                        }
                        ShareBar {
                            width: parent.width
                            visible: !suppressed
                            share: parent.share
                            ciLow: parent.ciLow
                            ciHigh: parent.ciHigh
                        }
                        Label {
                            objectName: "shareText"
                            width: parent.width
                            text: baseText.length > 0 ? shareText + " · " + baseText : shareText
                            font.italic: suppressed
                            wrapMode: Text.WordWrap
                        }
                    }
                }

                SectionTitle { text: qsTr("Platser som upplevs otrygga") }
                Label {
                    objectName: "placesEmpty"
                    Layout.fillWidth: true
                    visible: placeRepeater.count === 0
                    wrapMode: Text.WordWrap
                    text: qsTr("Ingen plats har nämnts tillräckligt många gånger för att visas.")
                }
                Repeater {
                    id: placeRepeater
                    objectName: "placeRepeater"
                    model: Summaries.places
                    delegate: Column {
                        required property int rank
                        required property string name
                        required property string mentionsText
                        required property string timesText
                        Layout.fillWidth: true
                        bottomPadding: 6
                        spacing: 0
                        Accessible.role: Accessible.StaticText
                        Accessible.name: name + ", " + mentionsText
                        Label {
                            width: parent.width
                            text: qsTr("%1. %2").arg(rank).arg(name)
                            font.bold: true
                            wrapMode: Text.WordWrap
                        }
                        Label {
                            width: parent.width
                            text: timesText.length > 0 ? mentionsText + " · " + timesText : mentionsText
                            wrapMode: Text.WordWrap
                        }
                    }
                }
                Item { Layout.preferredHeight: 16 }
            }
        }
    }
}
