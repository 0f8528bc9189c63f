package fr.cartesagents.ra.compliance;

import java.util.List;
import java.util.Optional;

/**
 * The security questionnaire of the "Guide SSI" (Annexe 3 of the CARTES convention, "Guide
 * Sécurité des Postes de Travail", ANTS v1.1 of 08/11/2012): its 9 measures and their control
 * points, word for word. A control point is named by its measure and rank, e.g. "8.2".
 */
public final class GuideSsi {

    public static final String EDITION = "ANTS v.1.1 08/11/2012";
    static final String WORKSTATION = "Sécurité relative à l'utilisation du poste de travail";
    static final String ENVIRONMENT = "Sécurité relative à l'environnement de travail";

    public static final List<Measure> MEASURES = List.of(
            new Measure(1, WORKSTATION, "Chaque personne ayant accès au système doit être connue", List.of(
                    "Chaque utilisateur dispose de sa session de travail personnelle (identifiant/mot de passe)",
                    "La liste des utilisateurs du poste de travail existe et est tenue à jour")),
            new Measure(2, WORKSTATION, "Ne pas avoir les « droits d'administrateur » sur le poste", List.of(
                    "Les utilisateurs du poste de travail ne disposent pas des droits « administrateur »",
                    "L'administrateur n'utilise pas (ou peu) sa session pour aller sur Internet")),
            new Measure(3, WORKSTATION, "Le poste de travail est protégé contre les virus.", List.of(
                    "Un unique antivirus est installé et configuré sur le poste de travail",
                    "Un utilisateur quelconque du poste de travail ne doit pas pouvoir le désactiver")),
            new Measure(4, WORKSTATION, "Le poste de travail exploite des logiciels « à jour »", List.of(
                    "La mise à jour du système d'exploitation est programmée de façon automatique",
                    "L'état du poste de travail est régulièrement contrôlé par l'administrateur")),
            new Measure(5, WORKSTATION, "Le poste de travail est protégé un pare-feu (firewall)", List.of(
                    "Un unique pare-feu (matériel ou logiciel) protège le poste de travail")),
            new Measure(6, WORKSTATION, "L'exécution automatique des clés USB doit être désactivée.", List.of(
                    "Les supports amovibles de stockage ne peuvent être connectés sur le poste de travail")),
            new Measure(7, WORKSTATION, "Limiter l'utilisation des technologies sans-fil", List.of(
                    "Le poste de travail est connecté au réseau à l'aide d'un câble réseau standard",
                    "Le clavier et la souris du poste de travail sont connectés à l'aide de fils")),
            new Measure(8, ENVIRONMENT, "Travailler sur un bureau dégagé", List.of(
                    "Le bureau du poste de travail est dégagé (pas de matériel inconnu à proximité)",
                    "Les Carte Agents ne sont pas stockées à proximité du poste de travail",
                    "Aucun élément sensible (mot de passe, code PIN) n'est affiché sur le poste de travail")),
            new Measure(9, ENVIRONMENT, "Soyez prudents", List.of(
                    "Les consignes ci-dessus ont été diffusées aux utilisateurs du poste de travail",
                    "Les navigateurs installés n'ont pas de barres d'outils spécifiques (Ask, Google, Hotmail, ...)",
                    "Les logiciels installés sur le poste de travail proviennent d'éditeurs fiables")));

    private GuideSsi() {
    }

    /** The control point numbered {@code id} ("1.1" to "9.3"), if there is one. */
    public static Optional<String> controlPoint(String id) {
        return MEASURES.stream().flatMap(measure -> measure.controlPointIds().stream()
                        .filter(id::equals).map(found -> measure.controlPoints().get(Integer.parseInt(found.substring(2)) - 1)))
                .findFirst();
    }

    public static int controlPointCount() {
        return MEASURES.stream().mapToInt(measure -> measure.controlPoints().size()).sum();
    }

    /** One measure: its number, the part of the guide it belongs to, its title and control points. */
    public record Measure(int number, String section, String title, List<String> controlPoints) {

        public Measure {
            controlPoints = List.copyOf(controlPoints);
        }

        public List<String> controlPointIds() {
            return java.util.stream.IntStream.rangeClosed(1, controlPoints.size()).mapToObj(rank -> number + "." + rank).toList();
        }
    }
}
