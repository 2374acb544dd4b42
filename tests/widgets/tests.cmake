# SPDX-License-Identifier: GPL-3.0-or-later
pluvia_add_test(test_dataset_list_widget SOURCES test_dataset_list_widget.cpp LIBS pluvia_widgets)
pluvia_add_test(test_layer_viewer SOURCES test_layer_viewer.cpp LIBS pluvia_widgets)
pluvia_add_test(test_rain_map_view SOURCES test_rain_map_view.cpp LIBS pluvia_widgets QCustomPlotQt6::QCustomPlotQt6)
pluvia_add_test(test_training_panel SOURCES test_training_panel.cpp LIBS pluvia_widgets QCustomPlotQt6::QCustomPlotQt6)
pluvia_add_test(test_runs_table SOURCES test_runs_table.cpp LIBS pluvia_widgets)
pluvia_add_test(test_gui_responsiveness SOURCES test_gui_responsiveness.cpp
    LIBS pluvia_widgets Qt6::Concurrent)
pluvia_add_test(test_derain_queue SOURCES test_derain_queue.cpp LIBS pluvia_widgets)
pluvia_add_test(test_export_dialog SOURCES test_export_dialog.cpp LIBS pluvia_widgets)
pluvia_add_test(test_dataset_browser SOURCES test_dataset_browser.cpp LIBS pluvia_widgets)
pluvia_add_test(test_temporal_consistency_view SOURCES test_temporal_consistency_view.cpp
    LIBS pluvia_widgets QCustomPlotQt6::QCustomPlotQt6)
pluvia_add_test(test_compare_panel SOURCES test_compare_panel.cpp LIBS pluvia_widgets)
