#include "td/picture/indicators.hpp"

#include <catch2/catch.hpp>

using namespace td::picture;

TEST_CASE("CSV import keeps good rows and rejects bad ones with line numbers") {
    const std::string csv = "indicator,area,period,value,source\r\n"
                            "anmalda_narkotikabrott,drugs,2024,37,Polisen\r\n"
                            "trafikolyckor,traffic,2024-Q3,\"12.5\",\"Trafikverket, STRADA\"\r\n"
                            "\r\n"
                            "Bad Name,drugs,2024,1,Polisen\r\n"
                            "x,weather,2024,1,Polisen\r\n"
                            "x,drugs,24,1,Polisen\r\n"
                            "x,drugs,2024,12a,Polisen\r\n"
                            "x,drugs,2024,1\r\n"
                            "anmalda_narkotikabrott,drugs,2024,40,Polisen\r\n"
                            "bedrageri,economic_crime,2024-01-01..2024-06-30,-3,\"Kommunen\r\n"
                            "multi line\"\r\n"
                            "y,drugs,2024,1,\"unterminated\r\n";
    const IndicatorImport r = importIndicatorsCsv(csv);
    CHECK(r.fileError.empty());
    REQUIRE(r.rows.size() == 3);
    CHECK(r.rows[0] == Indicator{"anmalda_narkotikabrott", td::model::FocusArea::Drugs, "2024",
                                 37.0, "Polisen"});
    CHECK(r.rows[1].source == "Trafikverket, STRADA");
    CHECK(r.rows[1].value == 12.5);
    CHECK(r.rows[2].value == -3.0);
    CHECK(r.rows[2].source == "Kommunen\r\nmulti line");
    REQUIRE(r.rejected.size() == 7);
    CHECK(r.rejected[0].line == 5);
    CHECK(r.rejected[0].reason.find("indicator") == 0);
    CHECK(r.rejected[1].line == 6);
    CHECK(r.rejected[1].reason.find("area") == 0);
    CHECK(r.rejected[2].line == 7);
    CHECK(r.rejected[2].reason.find("period") == 0);
    CHECK(r.rejected[3].line == 8);
    CHECK(r.rejected[3].reason.find("value") == 0);
    CHECK(r.rejected[4].line == 9);
    CHECK(r.rejected[4].reason == "expected 5 fields, found 4");
    CHECK(r.rejected[5].line == 10);
    CHECK(r.rejected[5].reason.find("duplicate") == 0);
    CHECK(r.rejected[6].line == 13);
    CHECK(r.rejected[6].reason == "unterminated quoted field");
}

TEST_CASE("CSV header rules") {
    CHECK_FALSE(importIndicatorsCsv("").fileError.empty());
    CHECK_FALSE(importIndicatorsCsv("indicator,area,period,value\n").fileError.empty());
    CHECK_FALSE(importIndicatorsCsv("indicator,area,period,value,sauce\n").fileError.empty());
    const auto reordered = importIndicatorsCsv("source,value,period,area,indicator\n"
                                               "BRÅ,2.0,2023-11,general,nti_otrygghet\n");
    REQUIRE(reordered.rows.size() == 1);
    CHECK(reordered.rows[0].indicator == "nti_otrygghet");
    CHECK(reordered.rows[0].period == "2023-11");
    CHECK(importIndicatorsCsv("indicator,area,period,value,source\nx,drugs,2023-13,1,s\n")
              .rejected.size() == 1);
}
