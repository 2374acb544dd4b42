# SPDX-License-Identifier: GPL-3.0-or-later
pluvia_add_test(test_workspace SOURCES test_workspace.cpp)
pluvia_add_test(test_text_helpers SOURCES test_text_helpers.cpp)
pluvia_add_test(test_jobs SOURCES test_jobs.cpp)
pluvia_add_test(test_atomic_file SOURCES test_atomic_file.cpp)
pluvia_add_test(test_content_hash SOURCES test_content_hash.cpp)

# image
pluvia_add_test(test_image_io SOURCES test_image_io.cpp)
pluvia_add_test(test_hostile_images SOURCES test_hostile_images.cpp)
pluvia_add_test(test_image_orientation SOURCES test_image_orientation.cpp)
pluvia_add_test(test_image_convert SOURCES test_image_convert.cpp)
pluvia_add_test(test_color SOURCES test_color.cpp)

# data
pluvia_add_test(test_dataset_layouts SOURCES test_dataset_layouts.cpp)
pluvia_add_test(test_dataset_inspection SOURCES test_dataset_inspection.cpp)
pluvia_add_test(test_dataset_manifest SOURCES test_dataset_manifest.cpp)
pluvia_add_test(test_batch_loader SOURCES test_batch_loader.cpp)

# synth
pluvia_add_test(test_rain_synthesizer SOURCES test_rain_synthesizer.cpp)
pluvia_add_test(test_synth_dataset SOURCES test_synth_dataset.cpp)
pluvia_add_test(test_demo_workspace SOURCES test_demo_workspace.cpp)

# metrics
pluvia_add_test(test_image_metrics SOURCES test_image_metrics.cpp)
pluvia_add_test(test_evaluation SOURCES test_evaluation.cpp)
pluvia_add_test(test_niqe SOURCES test_niqe.cpp)

# store
pluvia_add_test(test_tensorboard_writer SOURCES test_tensorboard_writer.cpp)
pluvia_add_test(test_run_store SOURCES test_run_store.cpp)
pluvia_add_test(test_store_reliability SOURCES test_store_reliability.cpp)

# inference
pluvia_add_test(test_tiled_inference SOURCES test_tiled_inference.cpp)
pluvia_add_test(test_tile_budget SOURCES test_tile_budget.cpp)
pluvia_add_test(test_derainer SOURCES test_derainer.cpp)
pluvia_add_test(test_temporal_baseline SOURCES test_temporal_baseline.cpp)
pluvia_add_test(test_video_import SOURCES test_video_import.cpp)
pluvia_add_test(test_dataset_generation SOURCES test_dataset_generation.cpp)

# training
pluvia_add_test(test_time_budget_plan SOURCES test_time_budget_plan.cpp)
pluvia_add_test(test_direction_estimate SOURCES test_direction_estimate.cpp)
pluvia_add_test(test_training_run SOURCES test_training_run.cpp)
pluvia_add_test(test_disk_full_run SOURCES test_disk_full_run.cpp)
pluvia_add_test(test_training_runs SOURCES test_training_runs.cpp)
pluvia_add_test(test_supervised_learning SOURCES test_supervised_learning.cpp)
pluvia_add_test(test_stored_preview SOURCES test_stored_preview.cpp)
pluvia_add_test(test_model_export SOURCES test_model_export.cpp)
pluvia_add_test(test_checkpoint_integrity SOURCES test_checkpoint_integrity.cpp)
# PyTorch's side is tests/data/pytorch_weights.py, run by Debian's python3 (python3-torch).
pluvia_add_test(test_pytorch_weights SOURCES test_pytorch_weights.cpp TIMEOUT 600)
find_program(PLUVIA_TORCH_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)
foreach(test test_pytorch_weights test_checkpoint_integrity)
    set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT "PLUVIA_TORCH_PYTHON=${PLUVIA_TORCH_PYTHON}")
endforeach()
pluvia_add_test(test_starter_models SOURCES test_starter_models.cpp)

# analysis
pluvia_add_test(test_tsne SOURCES test_tsne.cpp)
pluvia_add_test(test_comparison SOURCES test_comparison.cpp)
pluvia_add_test(test_gradient_shares SOURCES test_gradient_shares.cpp)
