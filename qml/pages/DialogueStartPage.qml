import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog.Services

// The officer starts a citizen dialogue: where, which organisation, and the kiosk PIN.
Page {
    id: page
    objectName: "dialogueStartPage"
    title: qsTr("Starta medborgardialog")

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
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

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(scroll.availableWidth - 32, 560)
            x: (scroll.availableWidth - width) / 2
            spacing: 8

            Item { Layout.preferredHeight: 8 }
            Label { text: qsTr("Plats") ; font.bold: true }
            ComboBox {
                id: place
                objectName: "placeCombo"
                Layout.fillWidth: true
                model: Places
                textRole: "name"
                valueRole: "placeId"
                Accessible.name: qsTr("Plats")
                onActivated: locality.text = Places.localityOf(currentValue)
                Component.onCompleted: if (count > 0) locality.text = Places.localityOf(valueAt(currentIndex))
            }
            CheckBox {
                id: otherPlace
                objectName: "otherPlaceCheck"
                text: qsTr("Annan plats (beskriv)")
                Accessible.name: text
            }
            TextField {
                id: description
                objectName: "placeDescriptionField"
                Layout.fillWidth: true
                visible: otherPlace.checked
                placeholderText: qsTr("T.ex. ICA Vindeln, entrén")
                Accessible.name: qsTr("Beskrivning av platsen")
            }
            Label { text: qsTr("Ort"); font.bold: true }
            TextField {
                id: locality
                objectName: "localityField"
                Layout.fillWidth: true
                Accessible.name: qsTr("Ort")
            }
            Label { text: qsTr("Vem håller dialogen?"); font.bold: true }
            RowLayout {
                RadioButton {
                    id: polis
                    objectName: "polisRadio"
                    checked: true
                    text: qsTr("Polisen")
                    Accessible.name: text
                }
                RadioButton {
                    objectName: "kommunRadio"
                    text: qsTr("Kommunen")
                    Accessible.name: text
                }
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Starttid: %1").arg(Qt.formatDateTime(Clock.now(), "yyyy-MM-dd HH:mm"))
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Välj en PIN-kod (4–8 siffror). Den behövs för att lämna kioskläget.")
            }
            TextField {
                id: pin
                objectName: "pinField"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhDigitsOnly
                maximumLength: 8
                placeholderText: qsTr("PIN-kod")
                Accessible.name: qsTr("PIN-kod")
            }
            TextField {
                id: pinAgain
                objectName: "pinAgainField"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhDigitsOnly
                maximumLength: 8
                placeholderText: qsTr("Upprepa PIN-koden")
                Accessible.name: qsTr("Upprepa PIN-koden")
            }
            Label {
                objectName: "startError"
                Layout.fillWidth: true
                visible: text.length > 0
                color: "#b00020"
                wrapMode: Text.WordWrap
                text: pin.text !== pinAgain.text && pinAgain.text.length > 0
                      ? qsTr("PIN-koderna är inte lika.") : Kiosk.lastError
            }
            Button {
                objectName: "startDialogueButton"
                Layout.fillWidth: true
                highlighted: true
                text: qsTr("Starta dialogen")
                Accessible.name: text
                enabled: pin.text.length >= 4 && pin.text === pinAgain.text
                onClicked: {
                    const ok = Kiosk.startDialogue(otherPlace.checked ? "" : place.currentValue,
                                                   otherPlace.checked ? "" : place.currentText,
                                                   description.text, locality.text,
                                                   polis.checked ? "polis" : "kommun", pin.text)
                    if (ok)
                        page.StackView.view.replace(Qt.resolvedUrl("DialogueOfficerPage.qml"))
                }
            }
            Item { Layout.preferredHeight: 16 }
        }
    }
}
