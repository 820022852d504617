import QtQuick
import QtQuick.Controls
import QtTest
import Trygghetsdialog
import Trygghetsdialog.Services
import "driver.js" as Driver

// A safety walk through the real pages: started on the start page, the reference NMEA track
// replayed into the running walk, an observation made at each of the five stops, the walk
// ended after confirming, and the stored SafetyWalk and Observations (with their outbox
// entries) checked through the app core. Needs the replay driver of test_app_walk_quick.
TestCase {
    id: tc
    name: "Walk"
    when: windowShown
    visible: true
    width: 430
    height: 3200

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: Item { objectName: "base" }
    }

    function initTestCase() {
        if (typeof WalkReplay === "undefined" || WalkReplay === null)
            skip("needs the NMEA replay driver of test_app_walk_quick")
    }

    function distanceM(lat1, lon1, lat2, lon2) {
        const r = 6371008.8, rad = Math.PI / 180
        const dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
        const a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2)
        return 2 * r * Math.asin(Math.sqrt(a))
    }

    function page(name) {
        tryVerify(function() { return stack.currentItem && stack.currentItem.objectName === name
                                      && !stack.busy }, 5000, "page " + name + " not shown")
        return stack.currentItem
    }

    function observe(n, stop) {
        var walkPage = page("walkPage")
        verify(Walk.hasRecentFix, "no recent fix at stop " + n)
        compare(Driver.control(tc, walkPage, "recordingState").text, "● Spelar in spåret")
        Driver.click(tc, walkPage, "newObservationButton")
        var form = page("walkObservationPage")
        compare(form.title, "Iakttagelse " + n)
        verify(Driver.control(tc, form, "observationPosition").text.indexOf("Position: ") === 0)
        verify(distanceM(Walk.observation.latitude, Walk.observation.longitude, stop.lat, stop.lon) <= 15,
               "observation " + n + " is more than 15 m from " + stop.name)
        // Saving without an overall feeling is refused with a message.
        Driver.click(tc, form, "saveObservationButton")
        compare(Driver.control(tc, form, "observationError").text, "Välj hur trygg platsen känns.")
        compare(stack.currentItem, form)

        Driver.click(tc, form, "rating_lighting_" + (n % 4))
        Driver.click(tc, form, "rating_sightlines_na")
        Driver.click(tc, form, "rating_traffic_safety_1")
        compare(Walk.observation.checklist.ratingOf("lighting"), n % 4)
        compare(Walk.observation.checklist.ratedCount, 3)
        Driver.click(tc, form, "feeling_" + (n % 5 + 1))
        compare(Walk.observation.overallFeeling, n % 5 + 1)
        Driver.click(tc, form, "time_evening")
        Driver.typeText(tc, form, "observationNote", "Stopp " + n)
        Driver.typeText(tc, form, "proposedMeasure", "Mer ljus")
        var party = Driver.control(tc, form, "partyCombo")
        party.currentIndex = party.indexOfValue("kommun")
        party.activated(party.currentIndex)
        compare(Walk.observation.responsibleParty, "kommun")
        Driver.click(tc, form, "saveObservationButton")
        walkPage = page("walkPage")
        compare(Driver.control(tc, walkPage, "stopCountLabel").text, String(n))
    }

    function test_walk_with_five_stops() {
        const before = Store.pendingCount
        const stops = WalkStore.referenceStops()
        compare(stops.length, 5)

        stack.push("qrc:/qt/qml/Trygghetsdialog/pages/WalkStartPage.qml")
        var start = page("walkStartPage")
        Driver.click(tc, start, "otherAreaCheck")
        Driver.typeText(tc, start, "areaNameField", "Vindeln centrum")
        var locality = Driver.control(tc, start, "walkLocalityCombo")
        locality.currentIndex = locality.indexOfValue("vindeln")
        compare(locality.currentText, "Vindeln")
        Driver.control(tc, start, "walkDateField").text = "2025-09-18"
        // No participants yet: refused with a message.
        Driver.click(tc, start, "startWalkButton")
        compare(Driver.control(tc, start, "walkStartError").text, "Ange hur många som deltar.")
        verify(!Walk.active)
        Driver.control(tc, start, "residentsSpin").value = 6
        Driver.control(tc, start, "policeSpin").value = 2
        Driver.control(tc, start, "municipalitySpin").value = 2
        Driver.control(tc, start, "propertyOwnerSpin").value = 1
        Driver.click(tc, start, "startWalkButton")
        var walkPage = page("walkPage")
        verify(Walk.active)
        verify(Walk.recording)
        compare(Driver.control(tc, walkPage, "walkTitle").text, "Vindeln centrum, Vindeln · 2025-09-18")

        for (var n = 1; n <= 5; ++n) {
            verify(WalkReplay.feedUntilStop(), "the track ended before stop " + n)
            observe(n, stops[n - 1])
        }
        WalkReplay.feedToEnd()
        compare(Walk.gapCount, 2)
        compare(Walk.droppedCount, 60)
        const route = WalkStore.routeLength()
        verify(Math.abs(Walk.distance - route) <= 0.05 * route, "length " + Walk.distance)
        walkPage = page("walkPage")
        compare(Driver.control(tc, walkPage, "distanceLabel").text.indexOf("km") > 0, true)
        const sketch = Walk.sketch(300, 300)
        compare(sketch.segments.length, 3) // two gaps split the track
        compare(sketch.stops.length, 5)

        const recordedFixes = Walk.fixCount
        verify(recordedFixes > 1100, "recorded " + recordedFixes + " fixes")
        // Ending asks first; "No" keeps the walk running.
        Driver.click(tc, walkPage, "endWalkButton")
        var dialog = Driver.control(tc, walkPage, "endWalkDialog")
        tryVerify(function() { return dialog.opened })
        dialog.reject()
        tryVerify(function() { return !dialog.visible })
        verify(Walk.active)
        Driver.click(tc, walkPage, "endWalkButton")
        tryVerify(function() { return dialog.opened })
        dialog.accept()
        page("base")
        verify(!Walk.active)

        // One SafetyWalk and five Observations, each with an outbox entry, the walk first.
        const walks = WalkStore.bodies("safety_walk")
        compare(walks.length, 1)
        const walk = JSON.parse(walks[0])
        compare(walk.area_name, "Vindeln centrum")
        compare(walk.locality, "vindeln")
        compare(walk.date, "2025-09-18")
        compare(walk.participants.residents, 6)
        compare(walk.participants.police, 2)
        compare(walk.participants.municipality, 2)
        compare(walk.participants.property_owner, 1)
        compare(walk.participants.other, 0)
        // Stored thinned (4 m tolerance): far fewer points than fixes, still the route's shape.
        verify(walk.track.length > 300 && walk.track.length < recordedFixes,
               "track of " + walk.track.length + " points from " + recordedFixes + " fixes")
        verify(walk.ended_at >= walk.started_at)
        const observations = WalkStore.bodies("observation").map(JSON.parse)
        compare(observations.length, 5)
        observations.sort(function(a, b) { return a.recorded_at < b.recorded_at ? -1 : 1 })
        for (var i = 0; i < 5; ++i) {
            const o = observations[i]
            compare(o.walk_id, walk.id)
            compare(o.note, "Stopp " + (i + 1))
            compare(o.proposed_measure, "Mer ljus")
            compare(o.responsible_party, "kommun")
            compare(o.overall_feeling, (i + 1) % 5 + 1)
            compare(o.time_of_day, "evening")
            compare(o.ratings.lighting, (i + 1) % 4)
            compare(o.ratings.sightlines, "not_applicable")
            verify(distanceM(o.position.lat, o.position.lon, stops[i].lat, stops[i].lon) <= 15,
                   "stored observation " + (i + 1) + " is more than 15 m from " + stops[i].name)
        }
        const pending = WalkStore.pending()
        compare(Store.pendingCount, before + 6)
        compare(pending.length, before + 6)
        compare(pending[before].kind, "safety_walk")
        compare(pending[before].id, walk.id)
        for (var k = before + 1; k < pending.length; ++k)
            compare(pending[k].kind, "observation")
    }
}
