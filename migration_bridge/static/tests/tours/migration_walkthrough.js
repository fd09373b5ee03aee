/** @odoo-module **/
// The walk-through of the README ("Using it in Odoo") as a user does it in the browser,
// run headless by tests/test_tour.py on 19.0.
//
// migration_walkthrough: open the Migration app, upload the export through the upload
// dialog's file widget (the files of walkthrough/, fetched from this folder and given to
// the widget's file input as a user's file chooser does), review the files and the
// mapping, confirm it in its dialog, Test, Sample run and Full run, each followed on the
// run's form until it is done (the form reads the run again every two seconds while it
// loads: static/src/run_progress_field.js).
// migration_walkthrough_rollback: the project again from the app, Roll back on the full
// run, then Roll back everything on the project.
//
// Odoo starts no cron thread under tests: the test runs, beside the browser, what the
// cron job "Migration: load runs in the background" does (see test_tour.py).
//
// Only @web/core/registry is imported, a module of every series: the file is in
// web.assets_tests on 17.0 and 18.0 too, where a module missing there (19.0's
// @web_tour/tour_utils) would break every tour of the bundle.
import { registry } from "@web/core/registry";

const PROJECT = "Walkthrough migration";
const FOLDER = "/migration_bridge/static/tests/tours/walkthrough/";
const FILES = ["companies.csv", "contacts.csv", "deals.csv"];
// A run of the walkthrough's 30 rows loads in seconds; a step waits at most 60 s.
const RUN_TIMEOUT = 60000;

function openMigrationApp() {
    return [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            content: "Open the Migration app",
            trigger: ".o_app[data-menu-xmlid='migration_bridge.menu_migration_root']",
            run: "click",
        },
        {
            content: "The app opens on its projects",
            trigger: ".o_list_view .o_control_panel .o_breadcrumb:contains('Migration projects')",
        },
    ];
}

function statusIs(value) {
    return `.o_form_view .o_statusbar_status .o_arrow_button_current[data-value='${value}']`;
}

function headerButton(name) {
    return `.o_form_view .o_form_statusbar button[name='${name}']:enabled`;
}

function backToProject() {
    return [
        {
            content: "Back to the project",
            trigger: `.o_breadcrumb .breadcrumb-item a:contains('${PROJECT}')`,
            run: "click",
        },
        {
            content: "The project's form",
            trigger: `.o_form_view .o_breadcrumb .o_last_breadcrumb_item:contains('${PROJECT}')`,
        },
    ];
}

// A run started from the project: its form opens, queued or loading, and reads the run
// again every two seconds until it is done.
function followRun(button, kind) {
    return [
        {
            content: `Start the ${kind}`,
            trigger: headerButton(button),
            run: "click",
        },
        {
            content: `The ${kind}'s form`,
            trigger: `.o_form_view .o_field_widget[name=kind]:contains('${kind}')`,
        },
        {
            content: `The ${kind} loads in the background until it is done`,
            trigger: statusIs("done"),
            timeout: RUN_TIMEOUT,
        },
        {
            content: "Every object reconciles: source rows = created + updated + unchanged + skipped + failed",
            trigger: ".o_form_view .o_field_widget[name=reconciled] input:checked",
        },
        {
            content: "Its reconciliation lists the three files",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('deals')",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('contacts')",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('companies')",
        },
    ];
}

registry.category("web_tour.tours").add("migration_walkthrough", {
    url: "/odoo",
    steps: () => [
        ...openMigrationApp(),
        // 1. Upload
        {
            content: "Import a CRM export",
            trigger: ".o_control_panel button:contains('Import a CRM export')",
            run: "click",
        },
        {
            content: "Name the project",
            trigger: ".modal .o_field_widget[name=name] input",
            run: `edit ${PROJECT}`,
        },
        {
            content: "Choose the export's files",
            // the file chooser's input is hidden behind the Attach button
            trigger: ".modal .o_field_many2many_binary input[type=file]:not(:visible)",
            async run() {
                const files = await Promise.all(
                    FILES.map(async (name) => {
                        const response = await fetch(FOLDER + name);
                        if (!response.ok) {
                            throw new Error(`${FOLDER}${name}: ${response.status}`);
                        }
                        return new File([await response.blob()], name, { type: "text/csv" });
                    })
                );
                const input = this.anchor;
                const transfer = new DataTransfer();
                files.forEach((file) => transfer.items.add(file));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The three files are uploaded",
            trigger: ".modal .o_field_many2many_binary .o_attachments:has(.o_attachment:contains('companies.csv')):has(.o_attachment:contains('contacts.csv')):has(.o_attachment:contains('deals.csv')):not(:has(.o_attachment_uploading))",
        },
        {
            content: "Read the files and propose a mapping",
            trigger: ".modal-footer button[name=action_discover]",
            run: "click",
        },
        // 2. Review
        {
            content: "The project proposes a mapping",
            trigger: statusIs("discovered"),
        },
        {
            content: "Its Files tab: each file with its rows read",
            trigger: ".o_field_widget[name=file_ids] .o_data_row:contains('deals.csv')",
        },
        {
            content: "A sample of 3 rows per file",
            trigger: ".o_form_view .o_field_widget[name=sample_size] input",
            run: "edit 3",
        },
        {
            content: "Save the project",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "The Object mapping tab",
            trigger: ".o_notebook .nav-link:contains('Object mapping')",
            run: "click",
        },
        {
            content: "Deals go to opportunities",
            trigger: ".o_field_widget[name=mapping_ids] .o_data_row:contains('deals'):contains('crm.lead')",
        },
        {
            content: "The Field mapping tab",
            trigger: ".o_notebook .nav-link:contains('Field mapping')",
            run: "click",
        },
        {
            content: "Each column with its proposed target",
            trigger: ".o_field_widget[name=mapping_line_ids] .o_data_row:contains('Deal Name')",
        },
        {
            content: "Review the field mapping, file by file",
            trigger: ".o_form_view button[name=action_review_mapping]",
            run: "click",
        },
        {
            content: "It opens on the columns to review: a contact's Mobile, a new custom field",
            trigger: ".o_list_view .o_group_header:contains('contacts.csv') ~ .o_data_row:contains('Mobile'):contains('x_mobile')",
        },
        {
            content: "Every column, grouped by file",
            trigger: ".o_searchview_facet:contains('Needs review') .o_facet_remove",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_group_header:contains('companies.csv')",
        },
        {
            trigger: ".o_list_view .o_group_header:contains('contacts.csv')",
        },
        {
            trigger: ".o_list_view .o_group_header:contains('deals.csv')",
        },
        ...backToProject(),
        // 3. Confirm
        {
            content: "Confirm mapping",
            trigger: headerButton("action_confirm_mapping_preview"),
            run: "click",
        },
        {
            content: "The confirm dialog says what confirming creates",
            trigger: ".modal .o_field_widget[name=confirm_preview]",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button[name=action_confirm_mapping]",
            run: "click",
        },
        {
            content: "The mapping is confirmed",
            trigger: `body:not(:has(.modal)) ${statusIs("confirmed")}`,
        },
        // 4. Test (a dialog; nothing is written)
        {
            content: "Test",
            trigger: headerButton("action_test_run"),
            run: "click",
        },
        {
            content: "What a run would do, per file",
            trigger: ".modal .o_field_widget[name=report_html]:contains('deals')",
        },
        {
            content: "Close the Test's report",
            trigger: ".modal-footer button:contains('Close')",
            run: "click",
        },
        {
            trigger: `body:not(:has(.modal)) ${statusIs("confirmed")}`,
        },
        // 5. Sample run, 6. Full run
        ...followRun("action_run_sample", "Sample"),
        ...backToProject(),
        {
            content: "A sample is loaded: the Full run is the next step",
            trigger: statusIs("sampled"),
        },
        ...followRun("action_run_full", "Full"),
        ...backToProject(),
        {
            content: "The project is loaded",
            trigger: statusIs("loaded"),
        },
    ],
});

registry.category("web_tour.tours").add("migration_walkthrough_rollback", {
    url: "/odoo",
    steps: () => [
        ...openMigrationApp(),
        {
            content: "Open the project",
            trigger: `.o_list_view .o_data_row td:contains('${PROJECT}')`,
            run: "click",
        },
        {
            content: "Its runs",
            trigger: ".o_form_view button[name=action_open_runs]",
            run: "click",
        },
        {
            content: "Open the full run",
            trigger: ".o_list_view .o_data_row:contains('Full') td.o_data_cell",
            run: "click",
        },
        // 7. Roll back the full run, then everything
        {
            content: "Roll back",
            trigger: headerButton("action_rollback"),
            run: "click",
        },
        {
            content: "Yes: delete what it created, restore what it updated",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The run is rolled back",
            trigger: `body:not(:has(.modal)) ${statusIs("rolled_back")}`,
        },
        ...backToProject(),
        {
            content: "The sample is still in the CRM",
            trigger: statusIs("sampled"),
        },
        {
            content: "Roll back everything",
            trigger: headerButton("action_rollback_all"),
            run: "click",
        },
        {
            content: "Yes: undo every run of this project",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Nothing of the project is left: its mapping waits for a run again",
            trigger: `body:not(:has(.modal)) ${statusIs("confirmed")}`,
        },
    ],
});
