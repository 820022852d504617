// Answers survey questions through the real controls, as a person would.
.pragma library

// Like TestCase.findChild, but also looks into popups (their contentData) and views.
function findDeep(obj, name) {
    if (!obj)
        return null
    if (obj.objectName === name)
        return obj
    var kids = []
    if (obj.contentData !== undefined)
        kids = kids.concat(Array.from(obj.contentData))
    if (obj.data !== undefined)
        kids = kids.concat(Array.from(obj.data))
    else if (obj.children !== undefined)
        kids = kids.concat(Array.from(obj.children))
    if (obj.contentItem !== undefined && obj.contentItem !== null && kids.indexOf(obj.contentItem) < 0)
        kids.push(obj.contentItem)
    for (var i = 0; i < kids.length; ++i) {
        var found = findDeep(kids[i], name)
        if (found)
            return found
    }
    return null
}

function control(tc, root, name) {
    var item = tc.findChild(root, name) || findDeep(root, name)
    tc.verify(item !== null, "no control " + name)
    return item
}

function click(tc, root, name) {
    var item = control(tc, root, name)
    tc.tryVerify(function() { return item.visible && item.enabled }, 5000, name + " not clickable")
    tc.mouseClick(item)
    return item
}

function typeText(tc, root, name, text) {
    var item = click(tc, root, name)
    item.forceActiveFocus()
    for (var i = 0; i < text.length; ++i)
        tc.keyClick(text[i])
}

// Answers the current question of `runner` shown in `root`; returns its type.
function answer(tc, root, runner, services, text) {
    var q = runner.question
    switch (q.type) {
    case "scale":
    case "single":
    case "multi":
        click(tc, root, "option_" + q.options.keyAt(0))
        break
    case "yes_no":
        click(tc, root, "option_yes")
        break
    case "number":
        typeText(tc, root, "numberField", "3")
        break
    case "text":
        typeText(tc, root, "textArea", text)
        break
    case "place":
        click(tc, root, "pickPlaceButton")
        tc.tryVerify(function() { var p = findDeep(root, "place_vindeln_stationen");
                                  return p !== null && p.visible }, 5000, "place list not shown")
        tc.wait(1000) // the dialog's opening transition
        click(tc, root, "place_vindeln_stationen")
        tc.tryVerify(function() { return q.places.rowCount() === 1 }, 5000, "registry place not added")
        tc.wait(500) // the dialog's closing transition
        if (q.canAddPlace) {
            typeText(tc, root, "placeDescription", "Skolan")
            tc.compare(control(tc, root, "placeDescription").text, "Skolan")
            click(tc, root, "addDescriptionButton")
            tc.compare(q.places.rowCount(), 2)
        }
        click(tc, root, "time_0_" + q.timeOfDayOptions[0].key)
        if (q.reasonOptions.length > 0)
            click(tc, root, "reason_0_" + q.reasonOptions[0].key)
        break
    }
    tc.verify(q.answered, "question " + q.questionId + " not answered")
    return q.type
}
