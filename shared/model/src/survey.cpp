#include "td/model/survey.hpp"

namespace td::model {

const Question* Survey::findQuestion(std::string_view questionId) const {
    for (const Section& section : sections) {
        for (const Question& question : section.questions) {
            if (question.id == questionId)
                return &question;
        }
    }
    return nullptr;
}

std::vector<const Question*> Survey::questions() const {
    std::vector<const Question*> all;
    for (const Section& section : sections) {
        for (const Question& question : section.questions)
            all.push_back(&question);
    }
    return all;
}

} // namespace td::model
