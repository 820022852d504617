import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Trygghetsdialog.Services

ApplicationWindow {
    id: window
    width: 390
    height: 844
    visible: true
    title: qsTr("Trygghetsdialog")
    Material.theme: Material.Light
    Material.primary: "#1b3a5c"
    Material.accent: "#2f6fad"

    StackView {
        id: stack
        objectName: "stack"
        anchors.fill: parent
        initialItem: Enrolment.enrolled ? Qt.resolvedUrl("pages/HomePage.qml") : Qt.resolvedUrl("pages/EnrolmentPage.qml")
    }

    // A dialogue that was in kiosk mode when the app stopped reopens in kiosk mode: the
    // officer's screens stay behind the PIN.
    Component.onCompleted: {
        if (Kiosk.inKiosk)
            stack.replace(null, Qt.resolvedUrl("pages/KioskPage.qml"))
    }

    // A revoked device (401) goes back to enrolment; its local data stays.
    Connections {
        target: Enrolment
        function onEnrolledChanged() {
            if (!Enrolment.enrolled && !Kiosk.inKiosk)
                stack.replace(null, Qt.resolvedUrl("pages/EnrolmentPage.qml"))
        }
    }
}
