import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog
import Trygghetsdialog.Services

// "Behöver åtgärdas": records the server rejected or found in conflict. They are kept.
Page {
    id: page
    objectName: "needsAttentionPage"
    title: qsTr("Behöver åtgärdas")

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

    ListView {
        objectName: "rejectedList"
        anchors.fill: parent
        clip: true
        model: Sync.rejected
        header: Label {
            width: ListView.view.width
            padding: 16
            wrapMode: Text.WordWrap
            text: ListView.view.count === 0
                  ? qsTr("Inget behöver åtgärdas.")
                  : qsTr("Servern tog inte emot de här posterna. De finns kvar på enheten; kontakta samordnaren.")
        }
        delegate: ItemDelegate {
            required property string kindLabel
            required property string recordId
            required property string reason
            required property string state
            width: ListView.view.width
            Accessible.name: kindLabel + " " + reason
            contentItem: ColumnLayout {
                Label {
                    Layout.fillWidth: true
                    text: kindLabel + " · " + recordId
                    font.bold: true
                    elide: Text.ElideRight
                }
                Label {
                    Layout.fillWidth: true
                    text: reason
                    wrapMode: Text.WordWrap
                }
            }
        }
        ScrollIndicator.vertical: ScrollIndicator {}
    }
}
