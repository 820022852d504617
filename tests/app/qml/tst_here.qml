import QtQuick
import QtTest
import Trygghetsdialog
import Trygghetsdialog.Services
import "driver.js" as Driver

// "Här jag står nu" on the survey's place question, with the recorded safety-walk track
// (walk-vindeln-centrum.nmea through Qt's NMEA plugin) as the position source: the position is
// found, shown with its accuracy, and added to the answer with that accuracy.
TestCase {
    id: tc
    name: "HereIAm"
    when: windowShown
    visible: true
    width: 430
    height: 2600

    SurveyView {
        id: view
        anchors.fill: parent
        runner: Survey
    }

    function test_here_i_am() {
        Language.language = "sv"
        verify(Content.prepareSurvey(Survey, "trygghetsenkat_2025"))
        verify(Survey.start("trygghetsenkat_2025", "survey"))
        Survey.discard()
        verify(Survey.start("trygghetsenkat_2025", "survey"))

        // Through the form to the first place question, answering as a person would.
        var steps = 0
        while (Survey.question.type !== "place" && steps++ < 40) {
            Driver.answer(tc, view, Survey, null, "Mer belysning")
            Driver.click(tc, view, "nextButton")
        }
        var q = Survey.question
        compare(q.type, "place")
        compare(q.places.rowCount(), 0)

        var status = Driver.control(tc, view, "positionStatus")
        Driver.click(tc, view, "hereButton")
        tryVerify(function() { return Position.state === PositionController.Fixed }, 15000,
                  "no position from the NMEA track")
        // The track is in Vindeln centrum (64.20 N, 19.71 E); HDOP 0.9 × 5 m UERE.
        verify(Math.abs(Position.latitude - 64.201) < 0.01, "latitude " + Position.latitude)
        verify(Math.abs(Position.longitude - 19.715) < 0.01, "longitude " + Position.longitude)
        verify(Position.accuracy > 0 && Position.accuracy < 20, "accuracy " + Position.accuracy)
        tryVerify(function() { return status.visible })
        compare(status.text, "Position hittad, noggrannhet ±" + Math.round(Position.accuracy) + " m")

        var accuracy = Position.accuracy
        Driver.click(tc, view, "usePositionButton")
        tryVerify(function() { return q.places.rowCount() === 1 }, 5000, "position not added")
        var entry = q.places.index(0, 0)
        compare(q.places.data(entry, PlaceEntryModel.KindRole), "position")
        compare(q.places.data(entry, PlaceEntryModel.AccuracyRole), accuracy)
        var label = q.places.data(entry, PlaceEntryModel.LabelRole)
        verify(label.startsWith("Här jag står nu (64.2"), label)
        verify(label.endsWith("±" + Math.round(accuracy) + " m)"), label)

        // The rest of the place answer as usual; then the answer is complete.
        Driver.click(tc, view, "time_0_" + q.timeOfDayOptions[0].key)
        verify(q.answered)
        Survey.discard()
    }
}
