package dev.aegis.core.config.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.config.SecretResolver;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.Settings;
import dev.aegis.api.error.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads, validates and cross-checks one configuration text: the tree, then every setting against
 * its declaration, then the references between sections (a strategy naming a provider, the
 * default route, a feature naming a store). Everything found is thrown together.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  public static Settings validate(String text, String source, List<SecretResolver> resolvers) {
    List<ConfigException.Problem> problems = new ArrayList<>();
    ObjectNode tree = new ConfigReader(source, problems).read(text);
    Validator validator = new Validator(Registry.shared(), SecretReferences.create(resolvers), problems);
    // no defaults at the top level either: a setting the file leaves out stays as the code set it
    Settings root = validator.object(tree, "", Schema.ROOT, false);
    crossCheck(root, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return root;
  }

  private static void crossCheck(Settings root, List<ConfigException.Problem> problems) {
    Set<String> providers = root.objectMap("providers").keySet();
    for (Settings route : root.objectMap("routes").values()) {
      providers(route, providers, problems);
    }
    String defaultRoute = root.string("defaultRoute");
    Set<String> routes = root.objectMap("routes").keySet();
    if (defaultRoute != null && !routes.contains(defaultRoute)) {
      problems.add(new ConfigException.Problem("defaultRoute", "names unknown route '" + defaultRoute + "'"
          + Suggestions.hint(defaultRoute, routes)));
    }
    Set<String> stores = new HashSet<>(root.objectMap("stores").keySet());
    stores.add("memory");
    for (String section : List.of("virtualKeys", "limits", "budgets", "usage")) {
      Settings s = root.object(section);
      if (s != null) {
        store(s, stores, problems);
      }
    }
    for (Settings plugin : root.objects("plugins")) {
      if (plugin.spec().find("store").isPresent()) {
        store(plugin, stores, problems);
      }
    }
  }

  private static void store(Settings s, Set<String> stores, List<ConfigException.Problem> problems) {
    String name = s.string("store");
    if (name != null && !stores.contains(name)) {
      problems.add(new ConfigException.Problem(s.path("store"), "names unknown store '" + name + "'"
          + Suggestions.hint(name, new java.util.TreeSet<>(stores))));
    }
  }

  /** Every {@code provider} in a strategy tree must name a configured provider. */
  private static void providers(Settings s, Set<String> known, List<ConfigException.Problem> problems) {
    String provider = s.string("provider");
    if (provider != null && !known.contains(provider)) {
      problems.add(new ConfigException.Problem(s.path("provider"), "unknown provider '" + provider + "'"
          + Suggestions.hint(provider, known)));
    }
    for (Setting setting : s.spec().settings()) {
      if (!s.has(setting.name())) {
        continue;
      }
      if (setting.type() == SettingType.OBJECT) {
        providers(s.object(setting.name()), known, problems);
      } else if (setting.type() == SettingType.OBJECT_LIST) {
        for (Settings m : s.objects(setting.name())) {
          providers(m, known, problems);
        }
      } else if (setting.type() == SettingType.OBJECT_MAP) {
        for (Map.Entry<String, Settings> e : s.objectMap(setting.name()).entrySet()) {
          providers(e.getValue(), known, problems);
        }
      }
    }
  }
}
