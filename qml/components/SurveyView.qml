import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog

// The survey runner's screen: progress, the current question, validation messages and
// back/next/submit. Used by the survey page and by kiosk mode.
ColumnLayout {
    id: root
    property SurveyController runner
    signal submitted(string responseId)
    spacing: 0

    ProgressBar {
        objectName: "progress"
        Layout.fillWidth: true
        value: root.runner ? root.runner.progress : 0
        Accessible.name: qsTr("Förlopp")
    }
    Label {
        objectName: "progressLabel"
        Layout.fillWidth: true
        Layout.margins: 16
        Layout.bottomMargin: 0
        text: root.runner ? qsTr("Fråga %1 av %2").arg(root.runner.currentIndex + 1)
                                                 .arg(root.runner.visibleCount) : ""
        color: palette.placeholderText
    }

    ScrollView {
        id: scroll
        Layout.fillWidth: true
        Layout.fillHeight: true
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroll.availableWidth
            spacing: 12

            QuestionView {
                Layout.fillWidth: true
                Layout.margins: 16
                question: root.runner ? root.runner.question : null
            }
            Repeater {
                model: root.runner ? root.runner.issues : []
                delegate: Label {
                    required property string modelData
                    objectName: "issue"
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    text: "⚠ " + modelData
                    color: "#b00020"
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: modelData
                }
            }
        }
    }

    RowLayout {
        Layout.fillWidth: true
        Layout.margins: 12
        spacing: 12
        Button {
            objectName: "backButton"
            Layout.fillWidth: true
            text: qsTr("Tillbaka")
            Accessible.name: text
            enabled: root.runner && root.runner.canGoBack
            onClicked: root.runner.back()
        }
        Button {
            objectName: "nextButton"
            Layout.fillWidth: true
            highlighted: true
            text: root.runner && root.runner.isLast ? qsTr("Skicka") : qsTr("Nästa")
            Accessible.name: text
            onClicked: {
                if (!root.runner.isLast) {
                    root.runner.next()
                    return
                }
                if (!root.runner.next())
                    return
                root.runner.submit()
            }
        }
    }

    Connections {
        target: root.runner
        function onSubmitted(responseId) { root.submitted(responseId) }
    }
}
