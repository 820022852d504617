import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One checklist item of an observation: its label, a rating 0–3 or "not applicable" in one
// row of buttons, and what is chosen in words ("Inte bedömd" until rated; the quick path's
// choice says so). Tapping the chosen rating again makes the item "not checked" again. The
// help text opens under the "?" button.
ColumnLayout {
    id: root
    required property int index
    required property string itemId
    required property string label
    required property string help
    required property int rating
    /// Rated 0 by "the rest: no problem", not changed since.
    required property bool quick
    /// [{value, label}] from the observation form; the not-applicable value is negative.
    property var options: []
    property bool showHelp: false
    signal rated(int value)

    spacing: 0

    RowLayout {
        Layout.fillWidth: true
        spacing: 0
        Label {
            Layout.fillWidth: true
            text: root.label
            font.bold: true
            wrapMode: Text.WordWrap
        }
        ToolButton {
            objectName: "help_" + root.itemId
            implicitWidth: 48
            implicitHeight: 48
            text: "?"
            checkable: true
            checked: root.showHelp
            Accessible.name: qsTr("Vad bedöms: %1").arg(root.label)
            onToggled: root.showHelp = checked
        }
    }
    Label {
        objectName: "helpText_" + root.itemId
        Layout.fillWidth: true
        Layout.bottomMargin: 4
        visible: root.showHelp
        text: root.help
        wrapMode: Text.WordWrap
        color: "#555555"
        font.pointSize: Qt.application.font.pointSize * 0.9
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: 4
        Repeater {
            model: root.options
            delegate: Button {
                required property var modelData
                objectName: "rating_" + root.itemId + "_" + (modelData.value < 0 ? "na" : modelData.value)
                Layout.fillWidth: true
                Layout.preferredWidth: modelData.value < 0 ? implicitWidth : 48
                Layout.minimumWidth: 48
                implicitHeight: 48
                topInset: 0
                bottomInset: 0
                leftPadding: 4
                rightPadding: 4
                checkable: true
                checked: root.rating === modelData.value
                highlighted: checked
                text: modelData.value < 0 ? modelData.label : String(modelData.value)
                Accessible.name: root.label + ": " + modelData.label
                // A second tap on the chosen rating takes it back ("not checked").
                onClicked: root.rated(root.rating === modelData.value ? -1 : modelData.value)
            }
        }
    }
    Label {
        objectName: "ratingText_" + root.itemId
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        font.pointSize: Qt.application.font.pointSize * 0.9
        color: root.rating === -1 ? "#6b6b6b" : root.quick ? "#1b5e20" : "#222222"
        text: {
            if (root.rating === -1)
                return qsTr("Inte bedömd")
            let chosen = ""
            for (let i = 0; i < root.options.length; ++i)
                if (root.options[i].value === root.rating)
                    chosen = root.options[i].label
            return root.quick ? qsTr("%1 – satt med ”Resten: inget problem”").arg(chosen) : chosen
        }
    }
}
