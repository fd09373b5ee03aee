/** @odoo-module **/
// A run's progress bar that reads the run again every two seconds while it loads,
// so that its counters move on the page while the server works in the background.
import { onWillUnmount } from "@odoo/owl";
import { registry } from "@web/core/registry";
import {
    ProgressBarField,
    progressBarField,
} from "@web/views/fields/progress_bar/progress_bar_field";

const LOADING = ["queued", "running"];
const PERIOD = 2000;

export class RunProgressField extends ProgressBarField {
    setup() {
        super.setup();
        this.timer = setInterval(() => this.refresh(), PERIOD);
        onWillUnmount(() => clearInterval(this.timer));
    }

    async refresh() {
        const record = this.props.record;
        if (!LOADING.includes(record.data.state) || record.dirty) {
            return;
        }
        await record.load();
    }
}

registry.category("fields").add("migration_run_progress", {
    ...progressBarField,
    component: RunProgressField,
});
