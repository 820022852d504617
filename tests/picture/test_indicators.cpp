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
                                 37.0, "Polisen", "", ""});
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

TEST_CASE("CSV names: optional columns, checked, one name per indicator in a file") {
    const std::string csv = "indicator,name_en,area,period,value,source,name_sv\n"
                            "a,Reported thefts,drugs,2024,1,Polisen,Anmälda stölder\n"
                            "a,,drugs,2023,2,Polisen,\n"
                            "a,Thefts,drugs,2022,3,Polisen,Anmälda stölder\n"
                            "b,,traffic,2024,4,Polisen,\"Trafik, olyckor\"\n"
                            "c,\"two\nlines\",traffic,2024,5,Polisen,\n"
                            "d,x,traffic,2024,6,Polisen," +
                            std::string(121, 'n') +
                            "\n"
                            "e,x,traffic,2024,7,Polisen," +
                            std::string(120, 'n') +
                            "\n"
                            "f,x,traffic,2024,8\n";
    const IndicatorImport r = importIndicatorsCsv(csv);
    REQUIRE(r.fileError.empty());
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[0].nameSv == "Anmälda stölder");
    CHECK(r.rows[0].nameEn == "Reported thefts");
    CHECK(r.rows[1].nameSv.empty()); // empty cells are allowed: no name given on this row
    CHECK(r.rows[2].nameSv == "Trafik, olyckor");
    CHECK(r.rows[2].nameEn.empty());
    CHECK(r.rows[3].indicator == "e");
    CHECK(r.rows[3].nameSv.size() == 120);
    REQUIRE(r.rejected.size() == 4);
    CHECK(r.rejected[0].line == 4);
    CHECK(r.rejected[0].reason.find("name_en: \"Thefts\" differs from \"Reported thefts\" on "
                                    "line 2") == 0);
    CHECK(r.rejected[1].line == 6);
    CHECK(r.rejected[1].reason == "name_en: holds a control character");
    CHECK(r.rejected[2].line == 8);
    CHECK(r.rejected[2].reason == "name_sv: longer than 120 bytes");
    CHECK(r.rejected[3].line == 10);
    CHECK(r.rejected[3].reason == "expected 7 fields, found 5");
}

TEST_CASE("CSV header with names, and a file that is not UTF-8") {
    CHECK(importIndicatorsCsv("indicator,area,period,value,source,name_sv\nx,drugs,2024,1,s,X\n")
              .rows.size() == 1);
    // Eight columns, a repeated name column, a name column instead of a required one.
    CHECK_FALSE(importIndicatorsCsv("indicator,area,period,value,source,name_sv,name_en,x\n")
                    .fileError.empty());
    CHECK_FALSE(importIndicatorsCsv("indicator,area,period,value,source,name_sv,name_sv\n")
                    .fileError.empty());
    const auto missing = importIndicatorsCsv("indicator,area,period,value,name_sv\n");
    CHECK(missing.fileError == "line 1: missing column \"source\"");
    // Latin-1 "ö" (0xF6), as a spreadsheet saves "CSV" without UTF-8.
    const auto latin1 = importIndicatorsCsv("indicator,area,period,value,source\n"
                                            "x,drugs,2024,1,Sk\xF6vde\n");
    CHECK(latin1.rows.empty());
    CHECK(latin1.fileError.find("not UTF-8") != std::string::npos);
    CHECK(latin1.fileError.find("offset 52") != std::string::npos);
}

TEST_CASE("shared names: the last non-empty name per language wins for every figure") {
    using td::model::FocusArea;
    std::vector<Indicator> figures{{"a", FocusArea::Drugs, "2022", 1, "s", "Gammalt", ""},
                                   {"b", FocusArea::Drugs, "2022", 1, "s", "", ""},
                                   {"a", FocusArea::Drugs, "2023", 1, "s", "", "Old"},
                                   {"a", FocusArea::Drugs, "2024", 1, "s", "Nytt", ""}};
    shareIndicatorNames(figures);
    for (int i : {0, 2, 3}) {
        CHECK(figures[i].nameSv == "Nytt");
        CHECK(figures[i].nameEn == "Old");
    }
    CHECK(figures[1].nameSv.empty());
    CHECK(figures[1].nameEn.empty());
}
