// sweep.csv and breakeven.csv (report/sweep_csv.hpp).
#include <catch2/catch.hpp>

#include "report/sweep_csv.hpp"

using namespace tcosim;

TEST_CASE("sweep.csv has a row per point and option, breakeven.csv a row per crossing") {
  SweepResults sweep;
  sweep.params = {"market.size", "odd,path"};
  const SweepOption a{"a", 1, 2, 3, 4, 5, 6, 7, 8, 0.25};
  const SweepOption b{"b,c", 1.5, 2, 3, 4, 5, 6, 7, 8, 0.75};
  sweep.points = {{{"10", "x"}, {a, b}, ""}, {{"20", "y z"}, {a, b}, ""}};
  CHECK(sweep_csv(sweep) ==
        "point,market.size,\"odd,path\",option,total_cost_mean,total_cost_p5,total_cost_p50,total_cost_p95,"
        "ttm_months_mean,ttm_months_p5,ttm_months_p50,ttm_months_p95,p_best_cost\n"
        "0,10,x,a,1,2,3,4,5,6,7,8,0.25\n"
        "0,10,x,\"b,c\",1.5,2,3,4,5,6,7,8,0.75\n"
        "1,20,y z,a,1,2,3,4,5,6,7,8,0.25\n"
        "1,20,y z,\"b,c\",1.5,2,3,4,5,6,7,8,0.75\n");
  sweep.breakeven = std::vector<Crossing>{{"a", "b", 12.5, 1000, "a"}, {"a", "c", 3, 7, ""}};
  CHECK(breakeven_csv(sweep) ==
        "parameter,option_a,option_b,value,p50_total_cost,cheaper_below\n"
        "market.size,a,b,12.5,1000,a\n"
        "market.size,a,c,3,7,\n");
}

TEST_CASE("format 2: sweep.csv compares npv_cost and adds peak cash, breakeven.csv names npv_cost") {
  SweepResults sweep;
  sweep.format = 2;
  sweep.params = {"market.size"};
  SweepOption a{"a", 1, 2, 3, 4, 5, 6, 7, 8, 0.25};
  a.peak_cash_p50 = 900;
  a.peak_cash_p95 = 1200.5;
  sweep.points = {{{"10"}, {a}, ""}};
  CHECK(sweep_csv(sweep) ==
        "point,market.size,option,npv_cost_mean,npv_cost_p5,npv_cost_p50,npv_cost_p95,"
        "ttm_months_mean,ttm_months_p5,ttm_months_p50,ttm_months_p95,p_best_cost,peak_cash_p50,peak_cash_p95\n"
        "0,10,a,1,2,3,4,5,6,7,8,0.25,900,1200.5\n");
  sweep.breakeven = std::vector<Crossing>{{"a", "b", 12.5, 1000, "a"}};
  CHECK(breakeven_csv(sweep) ==
        "parameter,option_a,option_b,value,p50_npv_cost,cheaper_below\n"
        "market.size,a,b,12.5,1000,a\n");
  CHECK(sweep.cost_label() == "NPV cost");
}

TEST_CASE("sweep.csv and breakeven.csv neutralise text cells a spreadsheet would run as formulas") {
  SweepResults sweep;
  sweep.params = {"=cmd|' /C calc'!A0"};
  const SweepOption a{"-A1-A2", 1, 2, 3, 4, 5, 6, 7, 8, 0.25};
  sweep.points = {{{"@SUM(A1)"}, {a}, ""}, {{"-5"}, {a}, ""}};
  const std::string csv = sweep_csv(sweep);
  CHECK(csv.starts_with("point,'=cmd|' /C calc'!A0,option,"));
  CHECK(csv.find("\n0,'@SUM(A1),'-A1-A2,1,") != std::string::npos);
  CHECK(csv.find("\n1,-5,'-A1-A2,1,") != std::string::npos);  // a number keeps its sign
  sweep.breakeven = std::vector<Crossing>{{"-A1-A2", "+b", -12.5, 1000, "-A1-A2"}};
  CHECK(breakeven_csv(sweep).ends_with("\n'=cmd|' /C calc'!A0,'-A1-A2,'+b,-12.5,1000,'-A1-A2\n"));
}
