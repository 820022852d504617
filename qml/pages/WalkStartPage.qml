import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog.Services

// The officer starts a safety walk: the area, its locality, the date and who takes part
// (counted by role, no names).
Page {
    id: page
    objectName: "walkStartPage"
    title: qsTr("Starta trygghetsvandring")

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "backButton"
                text: "‹"
                Accessible.name: qsTr("Tillbaka")
                onClicked: page.StackView.view.pop()
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

    function selectLocality(id) {
        for (var i = 0; i < Walk.localities.length; ++i) {
            if (Walk.localities[i].id === id) {
                locality.currentIndex = i
                return
            }
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(scroll.availableWidth - 32, 560)
            x: (scroll.availableWidth - width) / 2
            spacing: 8

            Item { Layout.preferredHeight: 8 }
            Label { text: qsTr("Område"); font.bold: true }
            ComboBox {
                id: place
                objectName: "walkPlaceCombo"
                Layout.fillWidth: true
                visible: !otherArea.checked
                model: Places
                textRole: "name"
                valueRole: "placeId"
                Accessible.name: qsTr("Område")
                onActivated: page.selectLocality(Places.localityOf(currentValue))
                Component.onCompleted: if (count > 0) page.selectLocality(Places.localityOf(valueAt(currentIndex)))
            }
            CheckBox {
                id: otherArea
                objectName: "otherAreaCheck"
                text: qsTr("Annat område (skriv namn)")
                Accessible.name: text
            }
            TextField {
                id: areaName
                objectName: "areaNameField"
                Layout.fillWidth: true
                visible: otherArea.checked
                placeholderText: qsTr("T.ex. Vindeln centrum")
                Accessible.name: qsTr("Områdets namn")
            }
            Label { text: qsTr("Ort"); font.bold: true }
            ComboBox {
                id: locality
                objectName: "walkLocalityCombo"
                Layout.fillWidth: true
                model: Walk.localities
                textRole: "name"
                valueRole: "id"
                Accessible.name: qsTr("Ort")
            }
            Label { text: qsTr("Datum"); font.bold: true }
            TextField {
                id: date
                objectName: "walkDateField"
                Layout.fillWidth: true
                text: Qt.formatDate(Clock.now(), "yyyy-MM-dd")
                inputMethodHints: Qt.ImhDate
                Accessible.name: qsTr("Datum")
            }

            Label { text: qsTr("Deltagare"); font.bold: true }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Antal per roll. Inga namn behövs.")
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: 12
                Label { Layout.fillWidth: true; text: qsTr("Boende"); wrapMode: Text.WordWrap }
                SpinBox { id: residents; objectName: "residentsSpin"; from: 0; to: 999; editable: true; Accessible.name: qsTr("Boende") }
                Label { Layout.fillWidth: true; text: qsTr("Polis"); wrapMode: Text.WordWrap }
                SpinBox { id: police; objectName: "policeSpin"; from: 0; to: 999; editable: true; Accessible.name: qsTr("Polis") }
                Label { Layout.fillWidth: true; text: qsTr("Kommun"); wrapMode: Text.WordWrap }
                SpinBox { id: municipality; objectName: "municipalitySpin"; from: 0; to: 999; editable: true; Accessible.name: qsTr("Kommun") }
                Label { Layout.fillWidth: true; text: qsTr("Fastighetsägare"); wrapMode: Text.WordWrap }
                SpinBox { id: propertyOwner; objectName: "propertyOwnerSpin"; from: 0; to: 999; editable: true; Accessible.name: qsTr("Fastighetsägare") }
                Label { Layout.fillWidth: true; text: qsTr("Övriga"); wrapMode: Text.WordWrap }
                SpinBox { id: other; objectName: "otherSpin"; from: 0; to: 999; editable: true; Accessible.name: qsTr("Övriga") }
            }

            Label {
                objectName: "walkStartError"
                Layout.fillWidth: true
                visible: text.length > 0
                color: "#b00020"
                wrapMode: Text.WordWrap
                text: Walk.lastError
            }
            Button {
                objectName: "startWalkButton"
                Layout.fillWidth: true
                highlighted: true
                text: qsTr("Starta vandringen")
                Accessible.name: text
                onClicked: {
                    const area = otherArea.checked ? areaName.text : place.currentText
                    const ok = Walk.start(area, locality.currentValue === undefined ? "" : locality.currentValue,
                                          date.text, residents.value, police.value,
                                          municipality.value, propertyOwner.value, other.value)
                    if (ok)
                        page.StackView.view.replace(Qt.resolvedUrl("WalkPage.qml"))
                }
            }
            Item { Layout.preferredHeight: 16 }
        }
    }
}
