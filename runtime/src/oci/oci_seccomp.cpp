#include "oci_seccomp.hpp"

#include <linux/seccomp.h>
#include <seccomp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "mydocker/errors.hpp"

namespace mydocker::runtime::oci {

namespace {

struct ContextRelease {
  void operator()(void* context) const { seccomp_release(context); }
};
using Context = std::unique_ptr<void, ContextRelease>;

constexpr std::array<std::pair<std::string_view, scmp_compare>, 7> kOperators = {{
    {"SCMP_CMP_NE", SCMP_CMP_NE},
    {"SCMP_CMP_LT", SCMP_CMP_LT},
    {"SCMP_CMP_LE", SCMP_CMP_LE},
    {"SCMP_CMP_EQ", SCMP_CMP_EQ},
    {"SCMP_CMP_GE", SCMP_CMP_GE},
    {"SCMP_CMP_GT", SCMP_CMP_GT},
    {"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ},
}};

// seccomp(2) flags an OCI profile may give. TSYNC and WAIT_KILLABLE_RECV change nothing for a
// single-threaded process without a listener, so they are accepted and left out.
constexpr std::array<std::pair<std::string_view, unsigned int>, 4> kFlags = {{
    {"SECCOMP_FILTER_FLAG_TSYNC", 0},
    {"SECCOMP_FILTER_FLAG_LOG", SECCOMP_FILTER_FLAG_LOG},
    {"SECCOMP_FILTER_FLAG_SPEC_ALLOW", SECCOMP_FILTER_FLAG_SPEC_ALLOW},
    {"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", 0},
}};

// The action named `name`; errnoRet (default EPERM) is the errno of SCMP_ACT_ERRNO and the
// message of SCMP_ACT_TRACE.
std::uint32_t parse_action(const JsonField& name, const std::optional<JsonField>& errno_ret) {
  const std::string action = name.string();
  const auto ret = [&] {
    return errno_ret ? static_cast<std::uint32_t>(errno_ret->integer<std::uint16_t>())
                     : static_cast<std::uint32_t>(EPERM);
  };
  if (action == "SCMP_ACT_ALLOW") return SCMP_ACT_ALLOW;
  if (action == "SCMP_ACT_ERRNO") return SCMP_ACT_ERRNO(ret());
  if (action == "SCMP_ACT_KILL" || action == "SCMP_ACT_KILL_THREAD") return SCMP_ACT_KILL;
  if (action == "SCMP_ACT_KILL_PROCESS") return SCMP_ACT_KILL_PROCESS;
  if (action == "SCMP_ACT_TRAP") return SCMP_ACT_TRAP;
  if (action == "SCMP_ACT_TRACE") return SCMP_ACT_TRACE(ret());
  if (action == "SCMP_ACT_LOG") return SCMP_ACT_LOG;
  if (action == "SCMP_ACT_NOTIFY") {
    name.fail(
        "SCMP_ACT_NOTIFY is not supported: this runtime does not pass seccomp "
        "notifications to an agent");
  }
  name.fail("names an unknown seccomp action \"" + action + "\"");
}

void add_architectures(const Context& context, const JsonField& architectures) {
  for (const auto& field : architectures.elements()) {
    const std::string name = field.string();
    // "SCMP_ARCH_X86_64" is libseccomp's "x86_64".
    std::string bare = name.starts_with("SCMP_ARCH_") ? name.substr(10) : name;
    std::transform(bare.begin(), bare.end(), bare.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::uint32_t arch = seccomp_arch_resolve_name(bare.c_str());
    if (arch == 0) field.fail("names an architecture libseccomp does not know: \"" + name + "\"");
    const int rc = seccomp_arch_add(context.get(), arch);
    if (rc != 0 && rc != -EEXIST) {
      field.fail("cannot be added to the filter: " + std::string(std::strerror(-rc)));
    }
  }
}

unsigned int parse_flags(const JsonField& flags) {
  unsigned int out = 0;
  for (const auto& field : flags.elements()) {
    const std::string name = field.string();
    const auto it = std::find_if(kFlags.begin(), kFlags.end(),
                                 [&](const auto& known) { return known.first == name; });
    if (it == kFlags.end()) field.fail("names an unknown seccomp flag \"" + name + "\"");
    out |= it->second;
  }
  return out;
}

scmp_arg_cmp parse_argument(const JsonField& arg) {
  scmp_arg_cmp out{};
  const auto index = arg.at("index");
  out.arg = index.integer<unsigned int>();
  if (out.arg > 5) index.fail("must be from 0 to 5 (a system call has six arguments)");
  out.datum_a = arg.at("value").integer<std::uint64_t>();
  if (const auto two = arg.find("valueTwo")) out.datum_b = two->integer<std::uint64_t>();
  const auto op = arg.at("op");
  const std::string name = op.string();
  const auto it = std::find_if(kOperators.begin(), kOperators.end(),
                               [&](const auto& known) { return known.first == name; });
  if (it == kOperators.end()) op.fail("names an unknown comparison \"" + name + "\"");
  out.op = it->second;
  return out;
}

void add_rule(const Context& context, const JsonField& rule, std::uint32_t action, int number,
              const std::vector<scmp_arg_cmp>& comparisons) {
  const int rc =
      seccomp_rule_add_array(context.get(), action, number,
                             static_cast<unsigned int>(comparisons.size()), comparisons.data());
  if (rc != 0) rule.fail("cannot be added to the filter: " + std::string(std::strerror(-rc)));
}

void add_syscalls(const Context& context, const JsonField& rule, std::uint32_t default_action) {
  const std::uint32_t action = parse_action(rule.at("action"), rule.find("errnoRet"));

  std::vector<scmp_arg_cmp> comparisons;
  if (const auto args = rule.find("args")) {
    for (const auto& arg : args->elements()) comparisons.push_back(parse_argument(arg));
  }
  // libseccomp takes one comparison per argument in a rule; runc then adds each comparison as
  // a rule of its own (any one of them allows the call), which profiles rely on.
  bool repeated = false;
  for (std::size_t i = 0; i < comparisons.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) repeated |= comparisons[i].arg == comparisons[j].arg;
  }

  const auto names = rule.at("names");
  if (!names.json().is_array() || names.json().empty()) {
    names.fail("must be a non-empty array of strings");
  }
  // libseccomp refuses a rule that repeats the default action; it would change nothing.
  const bool redundant = action == default_action;
  for (const auto& field : names.elements()) {
    const std::string name = field.string();
    if (redundant) continue;
    const int number = seccomp_syscall_resolve_name(name.c_str());
    if (number == __NR_SCMP_ERROR) continue;  // a call this libseccomp cannot name
    if (repeated) {
      for (const auto& comparison : comparisons) {
        add_rule(context, field, action, number, {comparison});
      }
    } else {
      add_rule(context, field, action, number, comparisons);
    }
  }
}

}  // namespace

isolation::SeccompFilter compile_seccomp(const JsonField& seccomp) {
  const std::uint32_t default_action =
      parse_action(seccomp.at("defaultAction"), seccomp.find("defaultErrnoRet"));
  Context context(seccomp_init(default_action));
  if (!context) seccomp.fail("cannot be compiled: libseccomp cannot create a filter");
  // A binary tree rather than a linear scan: every system call of the container runs the
  // filter, and profiles such as podman's list hundreds of calls. Only speed is at stake, so a
  // libseccomp that cannot do it still gets a working (linear) filter.
  (void)seccomp_attr_set(context.get(), SCMP_FLTATR_CTL_OPTIMIZE, 2);

  if (const auto architectures = seccomp.find("architectures")) {
    add_architectures(context, *architectures);
  }
  unsigned int flags = 0;
  if (const auto field = seccomp.find("flags")) flags = parse_flags(*field);
  if (const auto syscalls = seccomp.find("syscalls")) {
    for (const auto& rule : syscalls->elements()) add_syscalls(context, rule, default_action);
  }
  return isolation::SeccompFilter::from_program(isolation::export_seccomp_program(context.get()),
                                                flags);
}

}  // namespace mydocker::runtime::oci
