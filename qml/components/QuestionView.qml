import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog

// One question: its text, help and the input for its type.
ColumnLayout {
    id: root
    property QuestionController question
    spacing: 12

    Label {
        objectName: "questionText"
        Layout.fillWidth: true
        text: root.question ? root.question.text + (root.question.required ? " *" : "") : ""
        wrapMode: Text.WordWrap
        font.pointSize: Qt.application.font.pointSize * 1.25
        font.bold: true
        Accessible.role: Accessible.Heading
        Accessible.name: text
    }
    Label {
        Layout.fillWidth: true
        visible: text.length > 0
        text: root.question ? root.question.help : ""
        wrapMode: Text.WordWrap
        color: palette.placeholderText
    }
    Label {
        Layout.fillWidth: true
        visible: root.question && root.question.type === "multi" && root.question.maxChoices > 0
        text: qsTr("Välj högst %1.").arg(root.question ? root.question.maxChoices : 0)
        wrapMode: Text.WordWrap
    }

    Loader {
        Layout.fillWidth: true
        sourceComponent: {
            if (!root.question)
                return null
            switch (root.question.type) {
            case "scale":
            case "single":
            case "yes_no":
                return singleComponent
            case "multi":
                return multiComponent
            case "number":
                return numberComponent
            case "text":
                return textComponent
            case "place":
                return placeComponent
            }
            return null
        }
    }

    Component {
        id: singleComponent
        OptionList { question: root.question }
    }
    Component {
        id: multiComponent
        OptionList { question: root.question; multiple: true }
    }
    Component {
        id: numberComponent
        NumberInput { question: root.question }
    }
    Component {
        id: textComponent
        TextInput { question: root.question }
    }
    Component {
        id: placeComponent
        PlaceInput { question: root.question }
    }
}
