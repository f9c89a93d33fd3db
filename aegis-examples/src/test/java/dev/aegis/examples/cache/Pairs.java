package dev.aegis.examples.cache;

import java.util.List;

/** The labelled set of the semantic cache test: questions with a paraphrase, and with a near miss. */
final class Pairs {
  private Pairs() {}

  record Pair(String question, String variant) {}

  /** Same meaning, other words: a semantic cache should answer these. */
  static final List<Pair> PARAPHRASES = List.of(
      new Pair("How do I reset my password?", "How can I reset my password?"),
      new Pair("What is the capital of France?", "What's the capital city of France?"),
      new Pair("How do I cancel my subscription?", "How can I cancel my subscription?"),
      new Pair("What are your opening hours?", "What are your hours of opening?"),
      new Pair("How long does shipping take?", "How long does the shipping take?"),
      new Pair("Can I return an item without a receipt?", "Can I return an item if I don't have a receipt?"),
      new Pair("How do I change my email address?", "How can I change my e-mail address?"),
      new Pair("Where can I find my invoice?", "Where do I find my invoice?"),
      new Pair("Do you ship to Canada?", "Do you deliver to Canada?"),
      new Pair("How do I update my billing information?", "How can I update my billing information?"),
      new Pair("What payment methods do you accept?", "Which payment methods do you accept?"),
      new Pair("How do I delete my account?", "How can I delete my account?"),
      new Pair("Is there a student discount?", "Do you have a student discount?"),
      new Pair("How do I contact customer support?", "How can I contact customer support?"),
      new Pair("What is your refund policy?", "What's your refund policy?"),
      new Pair("How do I track my order?", "How can I track my order?"),
      new Pair("Can I change my delivery address?", "Is it possible to change my delivery address?"),
      new Pair("How do I enable two-factor authentication?", "How can I turn on two-factor authentication?"),
      new Pair("What is the warranty period for laptops?", "What's the warranty period for laptops?"),
      new Pair("How do I export my data?", "How can I export my data?"),
      new Pair("Why was my card declined?", "Why did my card get declined?"),
      new Pair("How do I upgrade my plan?", "How can I upgrade my plan?"));

  /** Same words, different answer (another number, entity or a negation): must never be answered from the cache. */
  static final List<Pair> NEAR_MISSES = List.of(
      new Pair("What is 12 times 7?", "What is 12 times 8?"),
      new Pair("Convert 100 dollars to euros.", "Convert 250 dollars to euros."),
      new Pair("What was the weather in Paris in 2019?", "What was the weather in Paris in 2021?"),
      new Pair("Book a table for 2 people at 7pm.", "Book a table for 6 people at 7pm."),
      new Pair("What is the population of Germany?", "What is the population of Japan?"),
      new Pair("Who is the CEO of Microsoft?", "Who is the CEO of Amazon?"),
      new Pair("What is the capital of Australia?", "What is the capital of Austria?"),
      new Pair("How do I install Python on Windows?", "How do I install Python on macOS?"),
      new Pair("Translate good morning into Spanish.", "Translate good morning into Japanese."),
      new Pair("What time is sunset in London today?", "What time is sunset in Tokyo today?"),
      new Pair("Is ibuprofen safe during pregnancy?", "Is ibuprofen not safe during pregnancy?"),
      new Pair("Should I take the medication with food?", "Should I not take the medication with food?"),
      new Pair("Can I use this charger with my phone?", "Can't I use this charger with my phone?"),
      new Pair("Does the hotel allow pets?", "Does the hotel not allow pets?"),
      new Pair("List 3 facts about Mars.", "List 10 facts about Mars."),
      new Pair("What is the boiling point of water at sea level?", "What is the boiling point of ethanol at sea level?"),
      new Pair("Summarize chapter 4 of the report.", "Summarize chapter 9 of the report."),
      new Pair("How many calories are in a banana?", "How many calories are in an avocado?"),
      new Pair("What is the square root of 144?", "What is the square root of 169?"),
      new Pair("Which planet is closest to the sun?", "Which planet is farthest from the sun?"),
      new Pair("Set an alarm for 6am.", "Set an alarm for 9am."),
      new Pair("Is the museum open on Monday?", "Is the museum open on Sunday?"));
}
