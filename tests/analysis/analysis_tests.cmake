# Tests of the report, `placesim inspect` and the Python example (issue 6), included from
# tests/CMakeLists.txt. Each makes its own small runs (2000 people, 60 days) in its own
# directory, so they run in parallel.
set(ANALYSIS_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/analysis)
set(ANALYSIS_WORK ${CMAKE_CURRENT_BINARY_DIR}/analysis)

add_test(NAME analysis.report_cli
         COMMAND ${PLACESIM_TEST_PYTHON} ${ANALYSIS_TEST_DIR}/check_report.py ${PLACESIM_EXE}
                 ${ANALYSIS_WORK}/report_cli)
# Headless Chromium renders the reports; screenshots land in the build directory for a person
# to look at: <build>/tests/analysis/screenshots/report-*.png.
add_test(NAME analysis.report_browser
         COMMAND ${PLACESIM_TEST_PYTHON} ${ANALYSIS_TEST_DIR}/check_report_browser.py ${PLACESIM_EXE}
                 ${ANALYSIS_WORK}/report_browser ${ANALYSIS_WORK}/screenshots)
# Untrusted input: --person out of range exits 2; inspect escapes control characters.
add_test(NAME analysis.report_input
         COMMAND ${PLACESIM_TEST_PYTHON} ${ANALYSIS_TEST_DIR}/check_report_input.py ${PLACESIM_EXE}
                 ${ANALYSIS_WORK}/report_input)
add_test(NAME analysis.python_example
         COMMAND ${PLACESIM_TEST_PYTHON} ${ANALYSIS_TEST_DIR}/check_python_example.py ${PLACESIM_EXE}
                 ${ANALYSIS_WORK}/python_example ${CMAKE_SOURCE_DIR}/analysis/python/example.py)
set_tests_properties(analysis.report_cli analysis.report_browser analysis.report_input
                     analysis.python_example
                     PROPERTIES LABELS "cli;output" TIMEOUT 300)
# The where view (neighbourhoods, units, staff hours) and the report's labels (issue 11).
add_test(NAME analysis.report_where
         COMMAND ${PLACESIM_TEST_PYTHON} ${ANALYSIS_TEST_DIR}/check_report_where.py ${PLACESIM_EXE}
                 ${ANALYSIS_WORK}/report_where)
set_tests_properties(analysis.report_where PROPERTIES LABELS "cli;output" TIMEOUT 300)
# Headline figures, paired intervals and PASS/FAIL recomputed with numpy from the per-replicate
# data of the file; replicates use common random numbers (issue 11).
add_test(NAME analysis.headline_numbers
         COMMAND ${PLACESIM_TEST_PYTHON} ${ANALYSIS_TEST_DIR}/check_headline_numbers.py ${PLACESIM_EXE}
                 ${ANALYSIS_WORK}/headline_numbers ${CMAKE_SOURCE_DIR}/experiments/check_expected.py)
set_tests_properties(analysis.headline_numbers PROPERTIES LABELS "cli;output" TIMEOUT 300)
