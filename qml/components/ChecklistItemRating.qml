import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One checklist item of an observation: its label and help, and a choice of 0–3 or
// "not applicable".
ColumnLayout {
    id: root
    required property int index
    required property string itemId
    required property string label
    required property string help
    required property int rating
    /// [{value, label}] from the observation form.
    property var options: []
    signal rated(int value)

    spacing: 2
    Label {
        Layout.fillWidth: true
        text: root.label
        font.bold: true
        wrapMode: Text.WordWrap
    }
    Label {
        Layout.fillWidth: true
        text: root.help
        wrapMode: Text.WordWrap
        color: "#555555"
        font.pointSize: Qt.application.font.pointSize * 0.85
    }
    Flow {
        Layout.fillWidth: true
        spacing: 4
        Repeater {
            model: root.options
            delegate: Button {
                required property var modelData
                objectName: "rating_" + root.itemId + "_" + (modelData.value < 0 ? "na" : modelData.value)
                checkable: true
                checked: root.rating === modelData.value
                highlighted: checked
                text: modelData.value < 0 ? modelData.label : String(modelData.value)
                Accessible.name: root.label + ": " + modelData.label
                ToolTip.visible: hovered
                ToolTip.text: modelData.label
                onClicked: root.rated(modelData.value)
            }
        }
    }
    Label {
        Layout.fillWidth: true
        visible: root.rating !== -1
        wrapMode: Text.WordWrap
        font.pointSize: Qt.application.font.pointSize * 0.85
        text: {
            for (let i = 0; i < root.options.length; ++i)
                if (root.options[i].value === root.rating)
                    return root.options[i].label
            return ""
        }
    }
}
