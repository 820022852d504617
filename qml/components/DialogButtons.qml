import QtQuick
import QtQuick.Controls

// A dialog's buttons in the app's own translated words. Quick Controls' standard buttons
// ("Cancel", "Save", …) stay English in the Swedish UI, so dialogs use this as their footer
// instead. The accepting button accepts the dialog, the rejecting one rejects it.
DialogButtonBox {
    id: box
    /// Text of the accepting button; empty for a dialog that can only be dismissed.
    property string acceptText
    property string rejectText: qsTr("Avbryt")

    position: DialogButtonBox.Footer

    Button {
        id: acceptButton
        objectName: "dialogAcceptButton"
        flat: true
        text: box.acceptText
        Accessible.name: text
        DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
    }
    Button {
        objectName: "dialogRejectButton"
        flat: true
        text: box.rejectText
        Accessible.name: text
        DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
    }

    Component.onCompleted: {
        if (acceptText.length === 0)
            removeItem(acceptButton)
    }
}
