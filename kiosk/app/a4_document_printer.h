#pragma once

// The kiosk's A4 printing: a template from firmware_config/documents
// filled with the core's data, rendered to PDF (cairo + pango) in the data
// directory, and printed through CUPS — or, with simulated devices, kept
// there as the "printout" (sim-documents/NNNN-<template>.pdf). A printed
// PDF is deleted once CUPS has it done: it holds a citizen's record.
//
// The CUPS queue comes from firmware_config/devices/document_printer.json:
//   {"format_version": 1, "queue": "kiosk-a4", "server": "", "timeout_s": 120}

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "drivers/document/document_printer.h"
#include "kiosk/core/records/a4_document.h"

namespace kiosk {

// kInvalidData naming the file and key; kIo when unreadable.
Result<document::CupsSettings> LoadDocumentPrinterSettings(const std::string& path);

class PdfA4DocumentPrinter final : public A4DocumentPrinter {
 public:
  // `cups` null: simulated, the PDFs stay in `output_dir`.
  PdfA4DocumentPrinter(std::filesystem::path templates_dir, std::filesystem::path output_dir,
                       std::unique_ptr<document::DocumentPrinter> cups);

  Result<void> PrintDocument(const std::string& template_id, const nlohmann::json& data) override;

  // The templates and the CUPS queue of a new configuration, for the next
  // job; one under way finishes with what it started with.
  void Reconfigure(std::filesystem::path templates_dir,
                   std::unique_ptr<document::DocumentPrinter> cups);

 private:
  const std::filesystem::path output_dir_;
  std::mutex settings_mutex_;
  std::filesystem::path templates_dir_;
  std::shared_ptr<document::DocumentPrinter> cups_;
  std::mutex job_mutex_;  // One job at a time; also numbers the files.
  int next_number_ = 1;
};

}  // namespace kiosk
