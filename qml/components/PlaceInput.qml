import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog
import Trygghetsdialog.Services

// A place question: places from the registry, "Här jag står nu" or a description, each with
// times of day and reasons.
ColumnLayout {
    id: root
    property QuestionController question
    spacing: 8

    Repeater {
        model: root.question ? root.question.places : null
        delegate: Frame {
            id: entry
            required property int index
            required property string label
            required property var timesOfDay
            required property var reasons
            Layout.fillWidth: true

            ColumnLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: entry.label
                        font.bold: true
                        wrapMode: Text.WordWrap
                    }
                    ToolButton {
                        objectName: "removePlace_" + entry.index
                        text: "✕"
                        Accessible.name: qsTr("Ta bort %1").arg(entry.label)
                        onClicked: root.question.removePlace(entry.index)
                    }
                }
                Label {
                    text: qsTr("När på dygnet?")
                    visible: root.question.timeOfDayOptions.length > 0
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: 4
                    Repeater {
                        model: root.question.timeOfDayOptions
                        delegate: CheckBox {
                            required property var modelData
                            objectName: "time_" + entry.index + "_" + modelData.key
                            text: modelData.label
                            checked: entry.timesOfDay.indexOf(modelData.key) >= 0
                            Accessible.name: qsTr("%1 för %2").arg(modelData.label).arg(entry.label)
                            onClicked: root.question.toggleTimeOfDay(entry.index, modelData.key)
                        }
                    }
                }
                Label {
                    text: qsTr("Varför känns platsen otrygg?")
                    visible: root.question.reasonOptions.length > 0
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: 4
                    Repeater {
                        model: root.question.reasonOptions
                        delegate: CheckBox {
                            required property var modelData
                            objectName: "reason_" + entry.index + "_" + modelData.key
                            text: modelData.label
                            checked: entry.reasons.indexOf(modelData.key) >= 0
                            Accessible.name: qsTr("%1 för %2").arg(modelData.label).arg(entry.label)
                            onClicked: root.question.toggleReason(entry.index, modelData.key)
                        }
                    }
                }
            }
        }
    }

    Label {
        Layout.fillWidth: true
        visible: root.question && root.question.canAddPlace
        text: qsTr("Lägg till en plats (högst %1):").arg(root.question ? root.question.maxPlaces : 0)
        wrapMode: Text.WordWrap
    }

    ColumnLayout {
        Layout.fillWidth: true
        visible: root.question && root.question.canAddPlace

        Button {
            objectName: "pickPlaceButton"
            Layout.fillWidth: true
            text: qsTr("Välj plats i listan")
            Accessible.name: text
            onClicked: picker.open()
        }

        Button {
            objectName: "hereButton"
            Layout.fillWidth: true
            text: qsTr("Här jag står nu")
            Accessible.name: text
            enabled: Position.state !== PositionController.Waiting
            onClicked: Position.requestFix(30000)
        }
        Label {
            objectName: "positionStatus"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            visible: Position.state !== PositionController.Idle
            text: {
                switch (Position.state) {
                case PositionController.Waiting:
                    return qsTr("Söker din position …")
                case PositionController.Fixed:
                    return Position.accuracy > 0
                            ? qsTr("Position hittad, noggrannhet ±%1 m").arg(Math.round(Position.accuracy))
                            : qsTr("Position hittad, men utan uppgift om noggrannhet. Beskriv platsen i stället.")
                case PositionController.TimedOut:
                    return qsTr("Ingen position hittades. Beskriv platsen i stället.")
                default:
                    return qsTr("Positionen är inte tillgänglig. Beskriv platsen i stället.")
                }
            }
        }
        BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            running: Position.state === PositionController.Waiting
            visible: running
            Accessible.name: qsTr("Söker position")
        }
        Button {
            objectName: "usePositionButton"
            Layout.fillWidth: true
            visible: Position.state === PositionController.Fixed && Position.accuracy > 0
            text: qsTr("Lägg till min position")
            Accessible.name: text
            onClicked: {
                root.question.addPositionPlace(Position.latitude, Position.longitude, Position.accuracy)
                Position.cancel()
            }
        }

        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: description
                objectName: "placeDescription"
                Layout.fillWidth: true
                placeholderText: qsTr("Beskriv platsen")
                Accessible.name: qsTr("Beskrivning av platsen")
                maximumLength: 500
            }
            Button {
                objectName: "addDescriptionButton"
                text: qsTr("Lägg till")
                Accessible.name: qsTr("Lägg till beskriven plats")
                enabled: description.text.trim().length > 0
                onClicked: {
                    root.question.addDescribedPlace(description.text)
                    description.clear()
                }
            }
        }
    }

    PlacePicker {
        id: picker
        objectName: "placePicker"
        onPicked: placeId => root.question.addRegistryPlace(placeId)
    }
}
