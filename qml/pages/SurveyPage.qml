import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog
import Trygghetsdialog.Services

// Runs the chosen campaign's survey; the draft is kept when leaving.
Page {
    id: page
    objectName: "surveyPage"
    title: Survey.title

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "closeSurveyButton"
                text: "‹"
                Accessible.name: qsTr("Stäng enkäten, utkastet sparas")
                onClicked: page.StackView.view.pop()
            }
            Label {
                Layout.fillWidth: true
                text: page.title
                elide: Text.ElideRight
                color: "white"
                font.pointSize: Qt.application.font.pointSize * 1.1
            }
        }
    }

    SurveyView {
        anchors.fill: parent
        runner: Survey
        onSubmitted: page.StackView.view.replace(Qt.resolvedUrl("ThankYouPage.qml"))
    }
}
