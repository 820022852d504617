import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog
import Trygghetsdialog.Services

// Campaigns this device may use, the sync state and the way into a citizen dialogue.
Page {
    id: page
    objectName: "homePage"
    title: qsTr("Trygghetsdialog")

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                text: page.title
                font.pointSize: Qt.application.font.pointSize * 1.2
                color: "white"
                elide: Text.ElideRight
            }
            ToolButton {
                objectName: "settingsButton"
                text: "⚙"
                Accessible.name: qsTr("Inställningar")
                onClicked: page.StackView.view.push(Qt.resolvedUrl("SettingsPage.qml"))
            }
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(scroll.availableWidth, 720)
            x: (scroll.availableWidth - width) / 2
            spacing: 12

            Item { Layout.preferredHeight: 4 }

            Frame {
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    Label {
                        text: qsTr("Synkronisering")
                        font.bold: true
                        font.pointSize: Qt.application.font.pointSize * 1.1
                    }
                    Label {
                        objectName: "pendingLabel"
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        text: Store.pendingCount === 0 ? qsTr("Allt är skickat.")
                                                       : qsTr("%n svar väntar på att skickas.", "", Store.pendingCount)
                    }
                    Label {
                        objectName: "lastSyncLabel"
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        text: Sync.lastSyncText
                    }
                    ProgressBar {
                        Layout.fillWidth: true
                        visible: Sync.busy
                        indeterminate: Sync.progress < 0
                        value: Math.max(0, Sync.progress)
                        Accessible.name: qsTr("Synkroniserar")
                    }
                    Button {
                        objectName: "syncNowButton"
                        Layout.fillWidth: true
                        text: qsTr("Synka nu")
                        enabled: !Sync.busy
                        Accessible.name: text
                        onClicked: Sync.syncNow()
                    }
                    Button {
                        objectName: "needsAttentionButton"
                        Layout.fillWidth: true
                        flat: true
                        visible: Store.rejectedCount > 0
                        text: qsTr("Behöver åtgärdas (%1)").arg(Store.rejectedCount)
                        Accessible.name: text
                        onClicked: page.StackView.view.push(Qt.resolvedUrl("NeedsAttentionPage.qml"))
                    }
                }
            }

            Button {
                objectName: "summaryButton"
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                text: qsTr("Vad invånarna har sagt")
                Accessible.name: text
                onClicked: page.StackView.view.push(Qt.resolvedUrl("SummaryPage.qml"))
            }
            Button {
                objectName: "promisesButton"
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                text: qsTr("Medborgarlöften")
                Accessible.name: text
                onClicked: page.StackView.view.push(Qt.resolvedUrl("PromisesPage.qml"))
            }

            Label {
                Layout.leftMargin: 16
                text: qsTr("Undersökningar")
                font.bold: true
                font.pointSize: Qt.application.font.pointSize * 1.1
            }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                visible: Campaigns.count === 0
                wrapMode: Text.WordWrap
                text: qsTr("Inga undersökningar ännu. Synka för att hämta dem.")
            }
            Repeater {
                model: Campaigns
                delegate: ItemDelegate {
                    required property string campaignId
                    required property string name
                    required property string period
                    required property var channels
                    required property bool open
                    objectName: "campaign_" + campaignId
                    Layout.fillWidth: true
                    Layout.leftMargin: 4
                    Layout.rightMargin: 4
                    enabled: open && channels.indexOf("survey") >= 0
                    Accessible.name: name
                    contentItem: ColumnLayout {
                        Label {
                            Layout.fillWidth: true
                            text: name
                            wrapMode: Text.WordWrap
                            font.bold: true
                        }
                        Label {
                            Layout.fillWidth: true
                            text: open ? period : qsTr("%1 (stängd)").arg(period)
                            wrapMode: Text.WordWrap
                        }
                    }
                    onClicked: {
                        if (Content.prepareSurvey(Survey, campaignId)
                                && Survey.start(campaignId, "survey"))
                            page.StackView.view.push(Qt.resolvedUrl("SurveyPage.qml"))
                    }
                }
            }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                visible: text.length > 0
                text: Content.lastError
                color: "#b00020"
                wrapMode: Text.WordWrap
            }

            Button {
                objectName: "dialogueButton"
                Layout.fillWidth: true
                Layout.margins: 12
                visible: Enrolment.role === "officer" || Enrolment.role === "kiosk"
                text: Kiosk.active ? qsTr("Fortsätt medborgardialogen") : qsTr("Starta medborgardialog")
                Accessible.name: text
                onClicked: page.StackView.view.push(Kiosk.active ? Qt.resolvedUrl("DialogueOfficerPage.qml")
                                                                 : Qt.resolvedUrl("DialogueStartPage.qml"))
            }

            Button {
                objectName: "walkButton"
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                visible: Enrolment.role === "officer"
                text: Walk.active ? qsTr("Fortsätt trygghetsvandringen") : qsTr("Trygghetsvandring")
                Accessible.name: text
                onClicked: page.StackView.view.push(Walk.active ? Qt.resolvedUrl("WalkPage.qml")
                                                                : Qt.resolvedUrl("WalkStartPage.qml"))
            }
            Button {
                objectName: "measuresButton"
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                visible: Enrolment.role === "officer" || Enrolment.role === "kiosk"
                text: qsTr("Åtgärder (%1)").arg(Measures.count)
                Accessible.name: text
                onClicked: page.StackView.view.push(Qt.resolvedUrl("MeasuresPage.qml"))
            }
        }
    }
}
