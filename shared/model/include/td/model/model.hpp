#pragma once
// Convenience: every domain type.

#include "td/model/agreement.hpp"
#include "td/model/campaign.hpp"
#include "td/model/checklist.hpp"
#include "td/model/common.hpp"
#include "td/model/condition.hpp"
#include "td/model/dialogue.hpp"
#include "td/model/measure.hpp"
#include "td/model/place.hpp"
#include "td/model/promise.hpp"
#include "td/model/record_kind.hpp"
#include "td/model/response.hpp"
#include "td/model/survey.hpp"
#include "td/model/walk.hpp"
