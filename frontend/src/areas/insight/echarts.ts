// The parts of ECharts the insight pages draw with (tree-shaken: not the whole bundle).
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, FunnelChart, GraphChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, ToolboxComponent, TooltipComponent } from 'echarts/components'

use([
  CanvasRenderer,
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  GraphChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  ToolboxComponent,
])
