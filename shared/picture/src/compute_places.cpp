#include "compute_internal.hpp"
#include "td/picture/cluster.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <map>
#include <unordered_map>
#include <utility>

namespace td::picture::detail {

namespace {

// Mentions gathered at one (binned) coordinate.
struct Bin {
    double latSum = 0.0;
    double lonSum = 0.0;
    std::int64_t survey = 0;
    std::int64_t observations = 0;
    double severitySum = 0.0;
    std::array<std::int64_t, 4> times{};
    std::map<std::string, std::int64_t> reasons;
    std::vector<std::int64_t> surveyReasons;
    std::vector<std::uint32_t> respondents; ///< who mentioned it (rows; repeats allowed)
    std::vector<std::size_t> walks;         ///< which walks observed it (repeats allowed)
};

// Severity of one observation in [0, 1]: the mean of its applicable checklist ratings
// (0..3, scaled to 0..1) and of its overall feeling (5 = very safe → 0, 1 = very unsafe → 1).
double severity(const model::Observation& o) {
    double ratingSum = 0.0;
    int rated = 0;
    for (const auto& [item, rating] : o.ratings)
        if (rating) {
            ratingSum += static_cast<double>(*rating) / 3.0;
            ++rated;
        }
    const double feeling = (5.0 - static_cast<double>(o.overallFeeling)) / 4.0;
    return rated > 0 ? 0.5 * (ratingSum / rated) + 0.5 * feeling : feeling;
}

} // namespace

void summarizePlaces(const PictureData& data, const Selection& selection, const Window& window,
                     const PictureOptions& options, SituationPicture& picture) {
    const auto& places = data.places();
    const std::size_t reasonCount = data.reasons().size();
    std::vector<Bin> bins(places.size());
    for (Bin& b : bins)
        b.surveyReasons.assign(reasonCount, 0);
    std::unordered_map<std::uint64_t, std::size_t> binOf;
    const double latStep = options.snapM > 0 ? options.snapM / 111195.0 : 0.0;
    auto binFor = [&](double lat, double lon, int registry) -> Bin& {
        if (registry >= 0)
            return bins[static_cast<std::size_t>(registry)];
        std::uint64_t key;
        if (latStep > 0) {
            const double lonStep = latStep / std::max(0.01, std::cos(lat * 3.14159265358979 / 180));
            const auto y = static_cast<std::int64_t>(std::floor(lat / latStep));
            const auto x = static_cast<std::int64_t>(std::floor(lon / lonStep));
            key = (static_cast<std::uint64_t>(y) << 32) ^ static_cast<std::uint32_t>(x);
        } else {
            key = std::hash<double>{}(lat)*31 ^ std::hash<double>{}(lon);
        }
        auto [it, fresh] = binOf.emplace(key, bins.size());
        if (fresh) {
            bins.emplace_back();
            bins.back().surveyReasons.assign(reasonCount, 0);
        }
        return bins[it->second];
    };

    std::vector<std::int64_t> unlocatedByGroup(data.descriptionGroups().size(), 0);
    const std::vector<std::int32_t>& groupOf = data.descriptionGroupOf();
    for (const PlaceMention& m : data.placeMentions()) {
        if (!includesRow(data, selection, m.respondent))
            continue;
        if (!m.located) {
            if (m.description >= 0)
                ++unlocatedByGroup[static_cast<std::size_t>(
                    groupOf[static_cast<std::size_t>(m.description)])];
            continue;
        }
        Bin& b = binFor(m.lat, m.lon, m.registryIndex);
        b.latSum += m.lat;
        b.lonSum += m.lon;
        ++b.survey;
        b.respondents.push_back(m.respondent);
        for (std::size_t t = 0; t < 4; ++t)
            b.times[t] += (m.timesMask >> t) & 1u;
        for (std::uint64_t rm = m.reasonsMask; rm; rm &= rm - 1)
            ++b.surveyReasons[static_cast<std::size_t>(std::countr_zero(rm))];
    }

    std::map<std::string, std::size_t, std::less<>> walks;
    for (std::size_t i = 0; i < data.walks().size(); ++i)
        walks.emplace(data.walks()[i].id, i);
    for (const model::Observation& o : data.observations()) {
        auto it = walks.find(o.walkId);
        if (it == walks.end())
            continue;
        const model::SafetyWalk& walk = data.walks()[it->second];
        if (!inWindow(data, selection, window, walk.date, walk.locality))
            continue;
        ++picture.observations;
        const int registry = data.observationPlaceIndex(o);
        Bin& b = binFor(o.position.lat, o.position.lon, registry);
        b.latSum += registry >= 0 ? places[static_cast<std::size_t>(registry)].lat : o.position.lat;
        b.lonSum += registry >= 0 ? places[static_cast<std::size_t>(registry)].lon : o.position.lon;
        ++b.observations;
        b.walks.push_back(it->second);
        b.severitySum += severity(o);
        ++b.times[static_cast<std::size_t>(o.timeOfDay)];
        for (const auto& [item, rating] : o.ratings)
            if (rating && *rating >= 2)
                ++b.reasons[item];
    }
    for (const model::SafetyWalk& w : data.walks())
        picture.walks += inWindow(data, selection, window, w.date, w.locality) ? 1 : 0;

    std::vector<GeoPoint> points;
    std::vector<std::size_t> pointBin;
    for (std::size_t i = 0; i < bins.size(); ++i) {
        const std::int64_t mass = bins[i].survey + bins[i].observations;
        if (mass == 0)
            continue;
        points.push_back({bins[i].latSum / static_cast<double>(mass),
                          bins[i].lonSum / static_cast<double>(mass), mass});
        pointBin.push_back(i);
    }
    const std::vector<int> labels =
        dbscan(points, {options.clusterRadiusM, options.clusterMinPoints});
    int clusters = 0;
    for (int l : labels)
        clusters = std::max(clusters, l + 1);
    std::vector<PlaceCluster> out(static_cast<std::size_t>(clusters));
    std::vector<Bin> merged(static_cast<std::size_t>(clusters));
    for (Bin& b : merged)
        b.surveyReasons.assign(reasonCount, 0);
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (labels[i] < 0) {
            picture.unclusteredMentions += points[i].multiplicity;
            continue;
        }
        const Bin& from = bins[pointBin[i]];
        Bin& to = merged[static_cast<std::size_t>(labels[i])];
        to.latSum += from.latSum;
        to.lonSum += from.lonSum;
        to.survey += from.survey;
        to.observations += from.observations;
        to.severitySum += from.severitySum;
        for (std::size_t t = 0; t < 4; ++t)
            to.times[t] += from.times[t];
        for (const auto& [k, v] : from.reasons)
            to.reasons[k] += v;
        for (std::size_t r = 0; r < reasonCount; ++r)
            to.surveyReasons[r] += from.surveyReasons[r];
    }
    // The k rule counts people: three places named by one resident are one person. Each
    // cluster's bins in turn mark the rows (and walks) they name with the cluster's number, so
    // a person counts once per cluster without sorting every mention.
    std::vector<std::int64_t> people(out.size(), 0), walkCount(out.size(), 0);
    {
        std::vector<std::vector<std::size_t>> members(out.size());
        for (std::size_t i = 0; i < points.size(); ++i)
            if (labels[i] >= 0)
                members[static_cast<std::size_t>(labels[i])].push_back(pointBin[i]);
        std::vector<std::uint32_t> seenRow(data.respondentCount(), 0);
        std::vector<std::uint32_t> seenWalk(data.walks().size(), 0);
        for (std::size_t c = 0; c < out.size(); ++c) {
            const auto tag = static_cast<std::uint32_t>(c + 1);
            for (std::size_t bin : members[c]) {
                for (std::uint32_t row : bins[bin].respondents)
                    if (std::exchange(seenRow[row], tag) != tag)
                        ++people[c];
                for (std::size_t walk : bins[bin].walks)
                    if (std::exchange(seenWalk[walk], tag) != tag)
                        ++walkCount[c];
            }
        }
    }
    for (std::size_t c = 0; c < out.size(); ++c) {
        Bin& b = merged[c];
        PlaceCluster& pc = out[c];
        const double mass = static_cast<double>(b.survey + b.observations);
        pc.lat = b.latSum / mass;
        pc.lon = b.lonSum / mass;
        pc.surveyMentions = b.survey;
        pc.observations = b.observations;
        if (b.observations > 0)
            pc.severity = b.severitySum / static_cast<double>(b.observations);
        pc.timesOfDay = b.times;
        for (std::size_t r = 0; r < reasonCount; ++r)
            if (b.surveyReasons[r] > 0)
                b.reasons[data.reasons()[r]] += b.surveyReasons[r];
        pc.reasons.assign(b.reasons.begin(), b.reasons.end());
        std::stable_sort(pc.reasons.begin(), pc.reasons.end(),
                         [](const auto& x, const auto& y) { return x.second > y.second; });
        double best = options.clusterRadiusM;
        for (const model::Place& place : places) {
            const double d = haversineMeters(pc.lat, pc.lon, place.lat, place.lon);
            if (d <= best) {
                best = d;
                pc.placeId = place.id;
                pc.placeName = place.name;
            }
        }
        pc.respondents = people[c];
        pc.walks = walkCount[c];
        pc.suppressed = pc.respondents + pc.walks < options.minCell;
    }
    std::stable_sort(out.begin(), out.end(), [](const PlaceCluster& a, const PlaceCluster& b) {
        const auto ma = a.surveyMentions + a.observations;
        const auto mb = b.surveyMentions + b.observations;
        if (ma != mb)
            return ma > mb;
        return a.severity.value_or(-1.0) > b.severity.value_or(-1.0);
    });
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].rank = static_cast<int>(i) + 1;
    picture.places = std::move(out);
    // In text order before the stable sort by count, as the groups were always listed.
    std::vector<std::size_t> groups;
    for (std::size_t g = 0; g < unlocatedByGroup.size(); ++g)
        if (unlocatedByGroup[g] > 0)
            groups.push_back(g);
    std::sort(groups.begin(), groups.end(), [&](std::size_t a, std::size_t b) {
        return data.descriptionGroups()[a] < data.descriptionGroups()[b];
    });
    for (std::size_t g : groups)
        picture.unlocated.push_back({data.descriptionGroups()[g], unlocatedByGroup[g]});
    std::stable_sort(
        picture.unlocated.begin(), picture.unlocated.end(),
        [](const UnlocatedMention& a, const UnlocatedMention& b) { return a.count > b.count; });
}

} // namespace td::picture::detail
