import QtQuick
import QtQuick.Controls
import QtTest
import Trygghetsdialog
import Trygghetsdialog.Services
import "driver.js" as Driver

// A kiosk session: three residents answer the dialogue survey one after another; each sees
// an empty form; leaving needs the PIN; ending stores the dialogue.
TestCase {
    id: tc
    name: "Kiosk"
    when: windowShown
    visible: true
    width: 430
    height: 2000

    StackView {
        id: stack
        anchors.fill: parent
    }

    function answerResident(n) {
        var page = stack.currentItem
        var runner = Kiosk.runner
        // A fresh form: nothing of the previous resident is reachable.
        tryVerify(function() { return runner.active })
        compare(runner.answeredCount, 0)
        compare(runner.currentIndex, 0)
        verify(!Driver.control(tc, page, "backButton").enabled)
        verify(!Driver.control(tc, page, "option_" + runner.question.options.keyAt(0)).checked)
        var steps = 0
        while (runner.active && steps++ < 20) {
            if (runner.question.type === "text")
                compare(Driver.control(tc, page, "textArea").text, "")
            if (runner.question.required || runner.question.type === "text")
                Driver.answer(tc, page, runner, null, "Resident" + n)
            Driver.click(tc, page, "nextButton")
        }
        verify(Driver.control(tc, page, "kioskThankYou").visible)
        Driver.click(tc, page, "nextResidentButton")
    }

    function test_three_residents() {
        var before = Store.pendingCount
        verify(Kiosk.startDialogue("vindeln_stationen", "Stationen", "", "vindeln", "polis", "2468"))
        verify(Kiosk.enterKiosk())
        stack.push("qrc:/qt/qml/Trygghetsdialog/pages/KioskPage.qml")
        tryVerify(function() { return stack.currentItem && stack.currentItem.objectName === "kioskPage" })
        compare(stack.depth, 1)

        for (var n = 1; n <= 3; ++n)
            answerResident(n)
        compare(Kiosk.responses, 3)
        compare(Store.pendingCount, before + 3)

        // Leaving kiosk mode needs the officer's PIN.
        verify(!Kiosk.leaveKiosk("1111"))
        verify(Kiosk.inKiosk)
        var page = stack.currentItem
        Driver.click(tc, page, "leaveKioskButton")
        var dialog = Driver.control(tc, page, "pinDialog")
        tryVerify(function() { return dialog.opened })
        dialog.pin = "2468"
        dialog.accept()
        tryVerify(function() { return !Kiosk.inKiosk })
        tryVerify(function() { return stack.currentItem.objectName === "dialogueOfficerPage" })

        Kiosk.topics.adjust(0, 2)
        Kiosk.peopleMet = 9
        verify(Kiosk.endDialogue(), Kiosk.lastError)
        verify(!Kiosk.active)
        compare(Store.pendingCount, before + 4)
    }
}
