#include "td/picture/ingest.hpp"

#include "td/model/codec.hpp"

namespace td::picture {

Status addRecord(PictureData& data, model::RecordKind kind, const boost::json::value& body) {
    using model::RecordKind;
    switch (kind) {
    case RecordKind::Survey: {
        auto s = model::decode<model::Survey>(body);
        return s ? data.addSurvey(*s) : Status(s.error());
    }
    case RecordKind::Campaign: {
        auto c = model::decode<model::Campaign>(body);
        return c ? data.addCampaign(*c) : Status(c.error());
    }
    case RecordKind::Response: {
        auto r = model::decode<model::Response>(body);
        return r ? data.addResponse(*r) : Status(r.error());
    }
    case RecordKind::Place: {
        auto p = model::decode<model::Place>(body);
        if (!p)
            return p.error();
        std::vector<model::Place> places = data.places();
        places.push_back(std::move(*p));
        data.setPlaces(std::move(places));
        return {};
    }
    case RecordKind::Dialogue: {
        auto d = model::decode<model::Dialogue>(body);
        if (!d)
            return d.error();
        data.addDialogue(*d);
        return {};
    }
    case RecordKind::SafetyWalk: {
        auto w = model::decode<model::SafetyWalk>(body);
        if (!w)
            return w.error();
        data.addSafetyWalk(*w);
        return {};
    }
    case RecordKind::Observation: {
        auto o = model::decode<model::Observation>(body);
        if (!o)
            return o.error();
        data.addObservation(*o);
        return {};
    }
    default:
        return {};
    }
}

} // namespace td::picture
