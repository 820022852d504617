#pragma once
// Sample records shared by the model tests: a survey using every question type and a valid
// response to it, plus one valid record of every other kind.

#include "td/model/model.hpp"

namespace td::model::test {

inline Text txt(const char* sv, const char* en = "") {
    return Text{sv, en};
}

inline Condition equalsCondition(const char* question, ConditionValue value) {
    Condition c;
    c.op = Condition::Op::Equals;
    c.question = question;
    c.equals = std::move(value);
    return c;
}

/// Sections: "allmant" (q_trygg_kvall scale, q_problem multi, q_utsatt yes_no,
/// q_utsatt_typ single shown if q_utsatt, q_kvallar number, q_platser place shown if
/// q_trygg_kvall in [3,4], q_tankar text) and "bakgrund" (q_alder single, background).
inline Survey sampleSurvey() {
    Question scale;
    scale.id = "q_trygg_kvall";
    scale.type = QuestionType::Scale;
    scale.text = txt("Hur trygg känner du dig ute en sen kväll?", "How safe do you feel?");
    scale.focusArea = FocusArea::UnsafePlaces;
    scale.required = true;
    for (std::int64_t v = 1; v <= 4; ++v)
        scale.points.push_back({v, txt("punkt", "point")});
    scale.dontKnow = true;
    scale.negativePoints = {3, 4};

    Question multi;
    multi.id = "q_problem";
    multi.type = QuestionType::Multi;
    multi.text = txt("Vilka problem finns i ditt område?", "Which problems?");
    multi.choices = {{"nedskrapning", txt("Nedskräpning")},
                     {"narkotika", txt("Narkotikaförsäljning")},
                     {"fortkorning", txt("Fortkörning")},
                     {"inga", txt("Inga problem")}};
    multi.maxChoices = 3;
    multi.exclusive = {"inga"};

    Question yesNo;
    yesNo.id = "q_utsatt";
    yesNo.type = QuestionType::YesNo;
    yesNo.text = txt("Har du utsatts för bedrägeri?", "Have you been defrauded?");
    yesNo.focusArea = FocusArea::EconomicCrime;
    yesNo.negativeAnswer = true;

    Question single;
    single.id = "q_utsatt_typ";
    single.type = QuestionType::Single;
    single.text = txt("Vilken sorts bedrägeri?", "What kind?");
    single.focusArea = FocusArea::EconomicCrime;
    single.required = true;
    single.choices = {{"telefon", txt("Telefon")}, {"internet", txt("Internet")}};
    single.showIf = equalsCondition("q_utsatt", true);

    Question number;
    number.id = "q_kvallar";
    number.type = QuestionType::Number;
    number.text = txt("Hur många kvällar i veckan går du ut?", "How many evenings?");
    number.min = 0;
    number.max = 7;
    number.integer = true;

    Question place;
    place.id = "q_platser";
    place.type = QuestionType::Place;
    place.text = txt("Var känner du dig otrygg?", "Where do you feel unsafe?");
    place.focusArea = FocusArea::UnsafePlaces;
    place.maxPlaces = 2;
    place.timesOfDay = {TimeOfDay::Evening, TimeOfDay::Night};
    place.reasons = {{"poor_lighting", txt("Dålig belysning")}, {"deserted", txt("Öde")}};
    Condition in;
    in.op = Condition::Op::In;
    in.question = "q_trygg_kvall";
    in.in = {std::int64_t{3}, std::int64_t{4}};
    place.showIf = in;

    Question text;
    text.id = "q_tankar";
    text.type = QuestionType::Text;
    text.text = txt("Vad skulle göra dig tryggare?", "What would make you feel safer?");
    text.help = txt("Skriv inga namn.", "Do not write names.");
    text.maxLength = 20;

    Question age;
    age.id = "q_alder";
    age.type = QuestionType::Single;
    age.text = txt("Ålder", "Age");
    age.choices = {{"16_24", txt("16-24")},
                   {"25_44", txt("25-44")},
                   {"45_64", txt("45-64")},
                   {"65_plus", txt("65+")}};
    age.background = Background::AgeBand;

    Survey s;
    s.id = "trygghetsenkat_test";
    s.version = 2;
    s.kind = SurveyKind::Survey;
    s.title = txt("Trygghetsenkät", "Safety survey");
    s.intro = txt("Tack för att du svarar.", "Thank you.");
    s.sections = {Section{"allmant",
                          txt("Allmänt", "General"),
                          {scale, multi, yesNo, single, number, place, text}},
                  Section{"bakgrund", txt("Bakgrund", "Background"), {age}}};
    return s;
}

inline PlaceEntry registryPlace() {
    PlaceEntry e;
    e.placeId = "vindeln_stationen";
    e.timesOfDay = {TimeOfDay::Evening, TimeOfDay::Night};
    e.reasons = {"poor_lighting"};
    return e;
}

inline PlaceEntry positionPlace() {
    PlaceEntry e;
    e.position = Position{64.2012, 19.7151, 8.5};
    e.timesOfDay = {TimeOfDay::Evening};
    return e;
}

/// A valid response to sampleSurvey(): feels unsafe (3), so the place question is visible;
/// not defrauded, so q_utsatt_typ is hidden and unanswered.
inline Response sampleResponse() {
    Response r;
    r.id = "01890a5d-ac96-774b-bcce-b302099a8057";
    r.campaignId = "trygghetsenkat_2025";
    r.surveyId = "trygghetsenkat_test";
    r.surveyVersion = 2;
    r.channel = Channel::Kiosk;
    r.dialogueId = "01890a5d-ac96-774b-bcce-b302099a8058";
    r.submittedAt = "2025-03-14T18:30:00Z";
    r.locale = "sv";
    r.answers = {{"q_trygg_kvall", std::int64_t{3}},
                 {"q_problem", std::vector<std::string>{"nedskrapning", "narkotika"}},
                 {"q_utsatt", false},
                 {"q_kvallar", std::int64_t{2}},
                 {"q_platser", std::vector<PlaceEntry>{registryPlace(), positionPlace()}},
                 {"q_tankar", std::string("Mer belysning")},
                 {"q_alder", std::string("25_44")}};
    return r;
}

inline Campaign sampleCampaign() {
    Campaign c;
    c.id = "trygghetsenkat_2025";
    c.name = txt("Trygghetsenkät 2025", "Safety survey 2025");
    c.surveyId = "trygghetsenkat_test";
    c.surveyVersion = 2;
    c.year = 2025;
    c.periodStart = "2025-03-01";
    c.periodEnd = "2025-04-30";
    c.channels = {Channel::Survey, Channel::Kiosk, Channel::Web};
    c.publicCode = "VINDELN25";
    c.status = CampaignStatus::Open;
    return c;
}

inline Dialogue sampleDialogue() {
    Dialogue d;
    d.id = "01890a5d-ac96-774b-bcce-b302099a8058";
    d.campaignId = "trygghetsenkat_2025";
    d.description = "ICA Vindeln, entrén";
    d.locality = "vindeln";
    d.startedAt = "2025-03-14T15:00:00Z";
    d.endedAt = "2025-03-14T18:45:00Z";
    d.peopleMet = 23;
    d.topics = {{FocusArea::Traffic, 7, std::string("Fortkörning på Storgatan")},
                {FocusArea::Drugs, 2, std::nullopt}};
    d.organisation = Organisation::Kommun;
    return d;
}

inline SafetyWalk sampleWalk() {
    SafetyWalk w;
    w.id = "01890a5d-ac96-774b-bcce-b302099a8059";
    w.areaName = "Vindeln centrum";
    w.locality = "vindeln";
    w.date = "2025-10-02";
    w.startedAt = "2025-10-02T17:00:00Z";
    w.endedAt = "2025-10-02T18:30:00Z";
    w.participants = Participants{9, 2, 3, 1, 0};
    w.track = {{64.2010, 19.7150, 5.0, "2025-10-02T17:00:00Z"},
               {64.2021, 19.7162, 4.5, "2025-10-02T17:01:00.250Z"}};
    return w;
}

inline Observation sampleObservation() {
    Observation o;
    o.id = "01890a5d-ac96-774b-bcce-b302099a805a";
    o.walkId = "01890a5d-ac96-774b-bcce-b302099a8059";
    o.recordedAt = "2025-10-02T17:12:00Z";
    o.position = Position{64.2015, 19.7155, 6.0};
    o.placeId = "vindeln_stationen";
    o.ratings = {{"lighting", 3}, {"vegetation", 1}, {"traffic_safety", std::nullopt}};
    o.overallFeeling = 2;
    o.timeOfDay = TimeOfDay::Evening;
    o.note = "Trasig lampa vid gångtunneln";
    o.proposedMeasure = "Byt armatur";
    o.responsibleParty = ResponsibleParty::Kommun;
    return o;
}

inline WalkChecklist sampleChecklist() {
    WalkChecklist c;
    c.id = "walk_checklist";
    c.version = 1;
    c.items = {{"lighting", txt("Belysning"), txt("Är platsen upplyst?")},
               {"vegetation", txt("Vegetation"), txt("Skymmer buskar sikten?")},
               {"traffic_safety", txt("Trafiksäkerhet"), txt("Kan man korsa säkert?")}};
    for (std::int64_t v = 0; v <= 3; ++v)
        c.ratings.push_back({v, txt("nivå")});
    c.notApplicable = txt("Ej tillämpligt", "Not applicable");
    for (std::int64_t v = 1; v <= 5; ++v)
        c.overallFeeling.push_back({v, txt("känsla")});
    c.timesOfDay = {{TimeOfDay::Evening, txt("Kväll")}, {TimeOfDay::Night, txt("Natt")}};
    c.parties = {{ResponsibleParty::Kommun, txt("Kommunen")},
                 {ResponsibleParty::Polis, txt("Polisen")}};
    return c;
}

inline Place samplePlace() {
    return Place{"vindeln_stationen", "Vindelns station",          "vindeln", 64.2016, 19.7176,
                 "station",           {"Stationen", "Resecentrum"}};
}

inline Measure sampleMeasure() {
    Measure m;
    m.id = "01890a5d-ac96-774b-bcce-b302099a805b";
    m.observationId = "01890a5d-ac96-774b-bcce-b302099a805a";
    m.walkId = "01890a5d-ac96-774b-bcce-b302099a8059";
    m.title = "Byt belysning i gångtunneln";
    m.description = "Armaturen är trasig och tunneln är mörk.";
    m.focusArea = FocusArea::UnsafePlaces;
    m.responsibleParty = ResponsibleParty::Kommun;
    m.priority = Priority::High;
    m.deadline = "2025-12-01";
    m.status = MeasureStatus::Decided;
    m.promiseId = "lofte_2025_platser";
    return m;
}

inline Promise samplePromise() {
    Promise p;
    p.id = "lofte_2025_platser";
    p.period = Period{2023, 2025};
    p.focusArea = FocusArea::UnsafePlaces;
    p.text = txt("Vi gör otrygga platser tryggare.", "We make unsafe places safer.");
    p.organisations = {Organisation::Polis, Organisation::Kommun};
    FigureRef share;
    share.kind = FigureKind::SurveyShare;
    share.campaignId = "trygghetsenkat_2025";
    share.questionId = "q_trygg_kvall";
    FigureRef imported;
    imported.kind = FigureKind::Imported;
    imported.indicator = "anmalda_skadegorelsebrott";
    imported.note = "Polisens statistik";
    p.motivation = {share, imported};
    Activity walk{"trygghetsvandringar",
                  txt("Trygghetsvandringar varje höst"),
                  ActivityOwner::Both,
                  std::nullopt,
                  "2024",
                  ActivityStatus::Done};
    Activity partner{"nattvandring",
                     txt("Nattvandring"),
                     ActivityOwner::Partner,
                     std::string("Föreningen Nattvandrarna"),
                     "helger",
                     ActivityStatus::Ongoing};
    p.activities = {walk, partner};
    Indicator indicator;
    indicator.id = "andel_otrygga";
    indicator.kind = IndicatorKind::SurveyShare;
    indicator.questionId = "q_trygg_kvall";
    indicator.baselineCampaignId = "trygghetsenkat_2023";
    indicator.targetDirection = TargetDirection::Decrease;
    p.indicators = {indicator};
    return p;
}

} // namespace td::model::test
