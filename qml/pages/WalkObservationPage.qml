import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog
import Trygghetsdialog.Services
import "../components"

// An observation (iakttagelse) at the current stop: the position, the checklist rated 0–3 or
// not applicable, overall feeling, time of day, a note, and a proposed measure with the party
// responsible for it.
Page {
    id: page
    objectName: "walkObservationPage"
    title: qsTr("Iakttagelse %1").arg(form.stopNumber)
    readonly property WalkObservationForm form: Walk.observation

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "cancelObservationButton"
                text: "‹"
                Accessible.name: qsTr("Avbryt iakttagelsen")
                onClicked: {
                    Walk.cancelObservation()
                    page.StackView.view.pop()
                }
            }
            Label {
                Layout.fillWidth: true
                text: page.title
                color: "white"
                elide: Text.ElideRight
                font.pointSize: Qt.application.font.pointSize * 1.1
            }
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(scroll.availableWidth - 24, 720)
            x: (scroll.availableWidth - width) / 2
            spacing: 10

            Item { Layout.preferredHeight: 4 }
            Label {
                objectName: "observationPosition"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: !form.hasPosition
                      ? qsTr("Ingen aktuell GPS-position. Välj platsen i registret.")
                      : form.placeId.length > 0
                        ? qsTr("Position från platsregistret: %1 (±%2 m)").arg(Places.nameOf(form.placeId)).arg(Math.round(form.accuracy))
                        : qsTr("Position: %1, %2 (±%3 m)").arg(form.latitude.toFixed(5)).arg(form.longitude.toFixed(5)).arg(Math.max(1, Math.round(form.accuracy)))
            }
            RowLayout {
                Layout.fillWidth: true
                visible: !form.hasPosition || form.placeId.length > 0
                ComboBox {
                    id: registryPlace
                    objectName: "observationPlaceCombo"
                    Layout.fillWidth: true
                    model: Places
                    textRole: "name"
                    valueRole: "placeId"
                    Accessible.name: qsTr("Plats i registret")
                }
                Button {
                    objectName: "useRegistryPlaceButton"
                    text: qsTr("Använd")
                    Accessible.name: qsTr("Använd platsen från registret")
                    onClicked: Walk.useRegistryPlace(registryPlace.currentValue)
                }
            }

            Label { text: qsTr("Checklista"); font.bold: true; font.pointSize: Qt.application.font.pointSize * 1.1 }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: "#555555"
                text: qsTr("0 = inget problem, 3 = allvarligt problem.")
            }
            Repeater {
                model: form.checklist
                delegate: ChecklistItemRating {
                    Layout.fillWidth: true
                    options: form.ratingOptions
                    onRated: function(value) { form.checklist.setRating(index, value) }
                }
            }

            Label { text: qsTr("Hur trygg känns platsen?"); font.bold: true }
            ButtonGroup { id: feelingGroup }
            Repeater {
                model: form.feelingOptions
                delegate: RadioButton {
                    required property var modelData
                    objectName: "feeling_" + modelData.value
                    Layout.fillWidth: true
                    ButtonGroup.group: feelingGroup
                    checked: form.overallFeeling === modelData.value
                    text: modelData.value + " – " + modelData.label
                    Accessible.name: modelData.label
                    onClicked: form.overallFeeling = modelData.value
                }
            }

            Label { text: qsTr("Tid på dygnet"); font.bold: true }
            Flow {
                Layout.fillWidth: true
                spacing: 4
                ButtonGroup { id: timeGroup }
                Repeater {
                    model: form.timeOptions
                    delegate: RadioButton {
                        required property var modelData
                        objectName: "time_" + modelData.key
                        ButtonGroup.group: timeGroup
                        checked: form.timeOfDay === modelData.key
                        text: modelData.label
                        Accessible.name: text
                        onClicked: form.timeOfDay = modelData.key
                    }
                }
            }

            Label { text: qsTr("Anteckning"); font.bold: true }
            TextArea {
                objectName: "observationNote"
                Layout.fillWidth: true
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("Vad gör platsen otrygg?")
                Accessible.name: qsTr("Anteckning")
                text: form.note
                onTextChanged: if (text !== form.note) form.note = text
            }

            Label { text: qsTr("Förslag till åtgärd"); font.bold: true }
            TextArea {
                objectName: "proposedMeasure"
                Layout.fillWidth: true
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("T.ex. byt trasig belysning")
                Accessible.name: qsTr("Förslag till åtgärd")
                text: form.proposedMeasure
                onTextChanged: if (text !== form.proposedMeasure) form.proposedMeasure = text
            }
            Label { text: qsTr("Ansvarig"); font.bold: true }
            ComboBox {
                id: party
                objectName: "partyCombo"
                Layout.fillWidth: true
                model: [{ key: "", label: qsTr("Ingen vald") }].concat(form.partyOptions)
                textRole: "label"
                valueRole: "key"
                Accessible.name: qsTr("Ansvarig")
                currentIndex: Math.max(0, indexOfValue(form.responsibleParty))
                onActivated: form.responsibleParty = currentValue
            }

            Label {
                objectName: "observationError"
                Layout.fillWidth: true
                visible: text.length > 0
                color: "#b00020"
                wrapMode: Text.WordWrap
                text: Walk.lastError
            }
            Button {
                objectName: "saveObservationButton"
                Layout.fillWidth: true
                highlighted: true
                text: qsTr("Spara iakttagelsen")
                Accessible.name: text
                onClicked: {
                    if (Walk.saveObservation())
                        page.StackView.view.pop()
                }
            }
            Item { Layout.preferredHeight: 16 }
        }
    }
}
