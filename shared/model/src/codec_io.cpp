// Text serialisation and file loading.

#include "codec_util.hpp"

#include <fstream>
#include <sstream>

namespace td::model {

namespace {

Result<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError("io_error", "cannot open " + path);
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad())
        return makeError("io_error", "cannot read " + path);
    return content.str();
}

template <class T> Result<T> loadFile(const std::string& path) {
    auto text = readFile(path);
    if (!text.ok())
        return text.error();
    auto result = fromJsonText<T>(text.value());
    if (!result.ok()) {
        Error e = result.error();
        e.message = path + ": " + e.message;
        return e;
    }
    return result;
}

} // namespace

template <class T> std::string toJsonText(const T& value) {
    return boost::json::serialize(encode(value));
}

template std::string toJsonText(const Text&);
template std::string toJsonText(const Condition&);
template std::string toJsonText(const Question&);
template std::string toJsonText(const Survey&);
template std::string toJsonText(const Campaign&);
template std::string toJsonText(const PlaceEntry&);
template std::string toJsonText(const AnswerValue&);
template std::string toJsonText(const Dialogue&);
template std::string toJsonText(const SafetyWalk&);
template std::string toJsonText(const Observation&);
template std::string toJsonText(const WalkChecklist&);
template std::string toJsonText(const Place&);
template std::string toJsonText(const PlaceRegistry&);
template std::string toJsonText(const Measure&);
template std::string toJsonText(const Promise&);
template std::string toJsonText(const Agreement&);

Result<Survey> loadSurveyFile(const std::string& path) {
    return loadFile<Survey>(path);
}
Result<WalkChecklist> loadChecklistFile(const std::string& path) {
    return loadFile<WalkChecklist>(path);
}
Result<PlaceRegistry> loadPlacesFile(const std::string& path) {
    return loadFile<PlaceRegistry>(path);
}

} // namespace td::model
