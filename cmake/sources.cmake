# Explicit source lists (no globbing of sources). Layers, each using only those above it:
#   core/        shared vocabulary: domains, the config struct, random streams
#   networks/    generic graphs (Boost.Graph) and their statistics
#   agents/      citizens, place, service units and their rules
#   sim/         the engine: model, simulation, observers, parameter registry, output file
#   experiments/ presets, sweeps and run summaries; analysis/ reading output and reports
#   cli/         the command line (its own target; the only user of cxxopts)
set(PLACESIM_CORE_SOURCES
  core/config.cpp
  networks/network_stats.cpp
  networks/org_network.cpp
  networks/social_network.cpp
  agents/change_process.cpp
  agents/citizens.cpp
  agents/commissioner.cpp
  agents/demand_step.cpp
  agents/department_rules.cpp
  agents/front_door_rules.cpp
  agents/life_step.cpp
  agents/place.cpp
  agents/prevention.cpp
  agents/service_system.cpp
  agents/staffing.cpp
  agents/team_rules.cpp
  agents/unit_common.cpp
  agents/design_day.cpp
  agents/worker_mechanics.cpp
  sim/change_observer.cpp
  sim/config_loader.cpp
  sim/docking_queue.cpp
  sim/h5_handle.cpp
  sim/h5_reader.cpp
  sim/event_tables.cpp
  sim/h5_writer.cpp
  sim/netcdf_dims.cpp
  sim/memory_estimate.cpp
  sim/model.cpp
  sim/observer.cpp
  sim/output_file.cpp
  sim/output_target.cpp
  sim/param_registry.cpp
  sim/param_roles.cpp
  sim/params_commissioning.cpp
  sim/params_mechanics.cpp
  sim/params_people.cpp
  sim/params_staffing.cpp
  sim/progress_bar.cpp
  sim/recorder.cpp
  sim/runner.cpp
  sim/service_observer.cpp
  sim/service_params.cpp
  sim/simulation.cpp
  sim/staffing_plan.cpp
  sim/text_file.cpp
  sim/toml_value.cpp
  experiments/preset_registry.cpp
  experiments/run_summary.cpp
  experiments/sweep_dir.cpp
  experiments/sweep_files.cpp
  experiments/sweep_manifest.cpp
  experiments/sweep_merge.cpp
  experiments/sweep_run.cpp
  experiments/sweep_summary.cpp
  experiments/sweep_design.cpp
  experiments/sweep_file.cpp
  analysis/export.cpp
  analysis/inspect.cpp
  analysis/report.cpp
  analysis/report_cost_curves.cpp
  analysis/report_demand.cpp
  analysis/report_experiment.cpp
  analysis/report_headline.cpp
  analysis/report_health.cpp
  analysis/report_html.cpp
  analysis/report_journey.cpp
  analysis/report_money.cpp
  analysis/report_other.cpp
  analysis/report_page.cpp
  analysis/report_queues.cpp
  analysis/report_run.cpp
  analysis/report_sweep.cpp
  analysis/report_wellbeing.cpp
  analysis/run_data.cpp
  analysis/svg_chart.cpp
  analysis/worksheet.cpp
)

# The command line: one file per command, over the library.
set(PLACESIM_CLI_SOURCES
  cli/cli.cpp
  cli/cmd_export.cpp
  cli/cmd_presets.cpp
  cli/cmd_report.cpp
  cli/cmd_run.cpp
  cli/cmd_sweep.cpp
  cli/experiment_text.cpp
  cli/sweep_memory.cpp
)
