import QtQuick
import QtTest
import Trygghetsdialog
import Trygghetsdialog.Services
import "driver.js" as Driver

// A full trygghetsenkät through the survey screen: every question type, show-if follow-ups,
// a required answer refused, submit into the device store — in Swedish, then in English.
TestCase {
    id: tc
    name: "Survey"
    when: windowShown
    visible: true
    width: 430
    height: 2600

    SurveyView {
        id: view
        anchors.fill: parent
        runner: Survey
    }

    SignalSpy {
        id: submittedSpy
        target: view
        signalName: "submitted"
    }

    function runSurvey(language, firstText, requiredMessage, freeText) {
        Language.language = language
        verify(Content.prepareSurvey(Survey, "trygghetsenkat_2025"))
        verify(Survey.start("trygghetsenkat_2025", "survey"))
        Survey.discard() // drops the draft an earlier run may have left
        verify(Survey.start("trygghetsenkat_2025", "survey"))
        compare(Survey.answeredCount, 0)
        compare(Driver.control(tc, view, "questionText").text, firstText + " *")

        // A required question is not skipped; the shared validator's message is translated.
        Driver.click(tc, view, "nextButton")
        compare(Survey.currentIndex, 0)
        compare(Driver.control(tc, view, "issue").text, "⚠ " + requiredMessage)

        var before = Store.pendingCount
        var types = {}
        var steps = 0
        while (Survey.active && steps++ < 80) {
            types[Driver.answer(tc, view, Survey, null, freeText)] = true
            if (Survey.currentIndex > 0)
                verify(Survey.canGoBack)
            Driver.click(tc, view, "nextButton")
        }
        compare(submittedSpy.count > 0, true)
        compare(Store.pendingCount, before + 1)
        compare(Object.keys(types).sort(),
                ["multi", "number", "place", "scale", "single", "text", "yes_no"])
        compare(Survey.answeredCount, 0)
    }

    function test_1_swedish() {
        runSurvey("sv",
                  "Hur trygg känner du dig om du går ut ensam i området där du bor en vanlig dag?",
                  "Den här frågan måste besvaras.", "Mer belysning")
    }

    function test_2_english() {
        runSurvey("en",
                  "How safe do you feel walking alone in the area where you live on an ordinary day?",
                  "This question must be answered.", "More lights")
        compare(Driver.control(tc, view, "backButton").text, "Back")
        Language.language = "sv"
    }
}
