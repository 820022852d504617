import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Trygghetsdialog.Services

// Chooses a place from the place registry.
Dialog {
    id: dialog
    signal picked(string placeId)
    title: qsTr("Välj plats")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Overlay.overlay ? Overlay.overlay.width * 0.9 : 320
    height: Overlay.overlay ? Overlay.overlay.height * 0.8 : 480
    footer: DialogButtons {}

    ListView {
        objectName: "placeList"
        anchors.fill: parent
        clip: true
        model: Places
        delegate: ItemDelegate {
            required property string placeId
            required property string name
            required property string locality
            objectName: "place_" + placeId
            width: ListView.view.width
            text: name + " · " + locality
            Accessible.name: name
            onClicked: {
                dialog.picked(placeId)
                dialog.close()
            }
        }
        ScrollIndicator.vertical: ScrollIndicator {}
    }
}
