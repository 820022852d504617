import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Trygghetsdialog
import Trygghetsdialog.Services
import "../components"

// An observation (iakttagelse) at the current stop: the position, overall feeling, the
// checklist rated 0–3 or not applicable (with "the rest: no problem" for the items not rated
// yet), time of day, a note, and a proposed measure with the party responsible for it. The
// save button stays in view, so a quick observation needs no scrolling.
Page {
    id: page
    objectName: "walkObservationPage"
    title: qsTr("Iakttagelse %1").arg(form.stopNumber)
    readonly property WalkObservationForm form: Walk.observation
    readonly property WalkChecklistModel checklist: form.checklist

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "cancelObservationButton"
                implicitWidth: 48
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
        objectName: "observationScroll"
        anchors.fill: parent
        clip: true
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(scroll.availableWidth - 24, 720)
            x: (scroll.availableWidth - width) / 2
            spacing: 6

            Item { Layout.preferredHeight: 2 }
            Label {
                objectName: "observationPosition"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: "#555555"
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

            Label {
                Layout.topMargin: 4
                text: qsTr("Hur trygg känns platsen?")
                font.bold: true
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 4
                Repeater {
                    model: form.feelingOptions
                    delegate: Button {
                        required property var modelData
                        objectName: "feeling_" + modelData.value
                        Layout.fillWidth: true
                        Layout.minimumWidth: 48
                        implicitHeight: 48
                        topInset: 0
                        bottomInset: 0
                        checkable: true
                        checked: form.overallFeeling === modelData.value
                        highlighted: checked
                        text: String(modelData.value)
                        Accessible.name: modelData.value + " – " + modelData.label
                        onClicked: form.overallFeeling = modelData.value
                    }
                }
            }
            Label {
                objectName: "feelingText"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pointSize: Qt.application.font.pointSize * 0.9
                color: form.overallFeeling === 0 ? "#6b6b6b" : "#222222"
                text: {
                    const options = form.feelingOptions
                    for (let i = 0; i < options.length; ++i)
                        if (options[i].value === form.overallFeeling)
                            return options[i].value + " – " + options[i].label
                    return qsTr("1 = mycket otrygg, 5 = mycket trygg. Inte vald än.")
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: 6
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Checklista")
                    font.bold: true
                    font.pointSize: Qt.application.font.pointSize * 1.1
                }
                Label {
                    objectName: "ratedCountLabel"
                    text: qsTr("%1 av %2 bedömda").arg(checklist.ratedCount).arg(checklist.count)
                    color: "#555555"
                }
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: "#555555"
                font.pointSize: Qt.application.font.pointSize * 0.9
                text: qsTr("0 = inget problem, 3 = allvarligt problem. Bedöm det som brister och välj sedan ”Resten: inget problem”.")
            }
            Button {
                objectName: "restNoProblemButton"
                Layout.fillWidth: true
                implicitHeight: 48
                visible: checklist.ratedCount < checklist.count
                text: qsTr("Resten: inget problem (%1)").arg(checklist.count - checklist.ratedCount)
                Accessible.name: qsTr("Sätt de %1 punkter som inte är bedömda till 0, inget problem").arg(checklist.count - checklist.ratedCount)
                onClicked: checklist.rateRestNoProblem()
            }
            Button {
                objectName: "undoRestButton"
                Layout.fillWidth: true
                implicitHeight: 48
                flat: true
                visible: checklist.quickCount > 0 && checklist.ratedCount === checklist.count
                text: qsTr("Ångra ”Resten: inget problem” (%1)").arg(checklist.quickCount)
                Accessible.name: text
                onClicked: checklist.undoRestNoProblem()
            }
            Repeater {
                model: checklist
                delegate: ChecklistItemRating {
                    Layout.fillWidth: true
                    Layout.topMargin: 4
                    options: form.ratingOptions
                    onRated: function(value) { checklist.setRating(index, value) }
                }
            }

            Label {
                Layout.topMargin: 6
                text: qsTr("Tid på dygnet")
                font.bold: true
            }
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
            Item { Layout.preferredHeight: 12 }
        }
    }

    footer: Pane {
        padding: 8
        Material.elevation: 4
        ColumnLayout {
            anchors.left: parent.left
            anchors.right: parent.right
            spacing: 4
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
                implicitHeight: 52
                highlighted: true
                text: qsTr("Spara iakttagelsen")
                Accessible.name: text
                onClicked: {
                    if (Walk.saveObservation())
                        page.StackView.view.pop()
                }
            }
        }
    }
}
