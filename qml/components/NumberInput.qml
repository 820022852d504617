import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog

// A number question: typed text, checked by the question controller.
ColumnLayout {
    id: root
    property QuestionController question

    TextField {
        id: field
        objectName: "numberField"
        Layout.fillWidth: true
        inputMethodHints: root.question && root.question.integer ? Qt.ImhDigitsOnly
                                                                 : Qt.ImhFormattedNumbersOnly
        placeholderText: root.question ? qsTr("Ett tal mellan %1 och %2")
                                             .arg(root.question.minimum).arg(root.question.maximum)
                                       : ""
        text: root.question ? root.question.numberText : ""
        Accessible.name: root.question ? root.question.text : qsTr("Tal")
        onTextEdited: root.question.setNumberText(text)
    }
    Label {
        Layout.fillWidth: true
        visible: text.length > 0
        text: root.question ? root.question.inputError : ""
        color: "#b00020"
        wrapMode: Text.WordWrap
    }
}
