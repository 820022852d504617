import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog

// A free-text question with its length counter.
ColumnLayout {
    id: root
    property QuestionController question

    TextArea {
        id: area
        objectName: "textArea"
        Layout.fillWidth: true
        Layout.minimumHeight: implicitHeight
        wrapMode: TextEdit.Wrap
        placeholderText: qsTr("Skriv här")
        text: root.question ? root.question.textValue : ""
        Accessible.name: root.question ? root.question.text : qsTr("Text")
        onTextChanged: if (root.question && text !== root.question.textValue)
                           root.question.setTextValue(text)
    }
    Label {
        Layout.alignment: Qt.AlignRight
        text: qsTr("%1 av högst %2 tecken").arg(area.length).arg(root.question ? root.question.maxLength : 0)
        color: root.question && area.length > root.question.maxLength ? "#b00020" : palette.placeholderText
        font.pointSize: Qt.application.font.pointSize * 0.85
    }
}
