import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog

// The options of a scale, single, yes/no (one choice) or multi (several) question.
ColumnLayout {
    id: root
    property QuestionController question
    property bool multiple: false
    spacing: 0

    Repeater {
        model: root.question ? root.question.options : null
        delegate: Loader {
            id: optionLoader
            required property string key
            required property string label
            required property bool selected
            Layout.fillWidth: true
            sourceComponent: root.multiple ? checkComponent : radioComponent

            Component {
                id: radioComponent
                RadioButton {
                    objectName: "option_" + optionLoader.key
                    text: optionLoader.label
                    checked: optionLoader.selected
                    Accessible.name: optionLoader.label
                    onClicked: root.question.selectOption(optionLoader.key)
                    contentItem: Label {
                        leftPadding: parent.indicator.width + parent.spacing
                        text: parent.text
                        wrapMode: Text.WordWrap
                        verticalAlignment: Text.AlignVCenter
                    }
                }
            }
            Component {
                id: checkComponent
                CheckBox {
                    objectName: "option_" + optionLoader.key
                    text: optionLoader.label
                    checked: optionLoader.selected
                    Accessible.name: optionLoader.label
                    onClicked: root.question.toggleOption(optionLoader.key)
                    contentItem: Label {
                        leftPadding: parent.indicator.width + parent.spacing
                        text: parent.text
                        wrapMode: Text.WordWrap
                        verticalAlignment: Text.AlignVCenter
                    }
                }
            }
        }
    }
}
